//! Process exit codes: the contract CI systems read.

/// Nothing at or above `--fail-on` was found, and every input was read.
pub const SUCCESS: i32 = 0;
/// At least one finding at or above `--fail-on`.
pub const FINDINGS: i32 = 1;
/// Usage, input or configuration error: a file could not be read or parsed,
/// an option or the config file is wrong. Wins over [`FINDINGS`], because a
/// run that could not read its input cannot say the input is clean.
pub const ERROR: i32 = 2;
