// Types for cdktf's jest matchers, which tools/jest-setup.js registers.
import 'cdktf/lib/testing/adapters/jest';
