//! The `leitmotif` command: the window, or a headless subcommand.

use std::process::ExitCode;

fn main() -> ExitCode {
    leitmotif::logging::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    leitmotif::cli::main(args)
}
