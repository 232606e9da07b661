//! The `sumlint` binary: all behaviour lives in the library's `cli` module.

// mimalloc: a check allocates many small strings (tokens, stems), and the
// system allocator was a quarter of a batch run (see docs/performance.md).
// Built with `no_thp`: with transparent huge pages on (the Linux default on
// many hosts), mimalloc's arenas came back as 2 MB pages and a 1 GB stream
// peaked at 92 MB resident instead of 39 MB, for no measurable speed.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(sumlint::cli::run(std::env::args_os()));
}
