//! The `sumlint` binary: all behaviour lives in the library's `cli` module.

fn main() {
    std::process::exit(sumlint::cli::run(std::env::args_os()));
}
