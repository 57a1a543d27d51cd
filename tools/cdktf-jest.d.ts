// Types for cdktf's jest matchers, which tools/jest-setup.js registers.
/// <reference path="../node_modules/cdktf/lib/testing/adapters/jest.d.ts" />
