//! The `leitmotif` command: the window, or a headless subcommand.

use std::process::ExitCode;

fn main() -> ExitCode {
    leitmotif::memory::no_huge_pages();
    leitmotif::logging::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    leitmotif::cli::main(args)
}
