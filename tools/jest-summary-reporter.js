// Prints one plain closing line that CI can read: "tests: N passed, N failed".
// Suites that crash before running count as failures.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    console.log(`tests: ${results.numPassedTests} passed, ${failed} failed`);
  }
}

module.exports = SummaryReporter;
