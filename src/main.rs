//! The `sumlint` binary: all behaviour lives in the library's `cli` module.

// mimalloc: a check allocates many small strings (tokens, stems), and the
// system allocator was a quarter of a batch run (see docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(sumlint::cli::run(std::env::args_os()));
}
