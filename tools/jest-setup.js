// Adds cdktf's matchers (toHaveResourceWithProperties, toBeValidTerraform, ...) to expect.
require('cdktf').Testing.setupJest();
