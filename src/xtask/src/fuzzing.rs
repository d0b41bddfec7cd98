//! The in-process fuzz targets' bodies (`fuzz/fuzz_targets`, cargo-fuzz), one per parser a user's
//! file or command line reaches; `make test` feeds each its committed corpus (tests/fuzz-corpus.rs).
//! Each takes any bytes and must return, whatever they are: a panic is what libFuzzer reports.
use host_core::artifact::{self, Kind};
use host_core::value::ValType;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;

// ANCHOR: targets
/// The targets, by the names `make fuzz` runs them under, and the corpus folders are named after.
pub const TARGETS: &[(&str, Target)] = &[
    ("artifact", artifact_checks),
    ("typed-args", typed_args),
    ("transcript", transcript),
];
// ANCHOR_END: targets

/// A target's body: any bytes in, and a return, whatever they are.
pub type Target = fn(&[u8]);

/// `host_core::artifact::check_bytes`, as both engines' hosts ask it: a shared object (ET_DYN),
/// and an ELF file of any type.
pub fn artifact_checks(data: &[u8]) {
    for elf_type in [Some(3), None] {
        let kind = Kind {
            what: "a module",
            compiler: "a compiler",
            build: "make",
            elf_type,
        };
        let _ = artifact::check_bytes(data, &kind);
    }
}

/// The command line's typed arguments (`add 5 3`): the first byte says how many parameters, the
/// next that many their types, and the rest, split at each NUL, are the arguments.
pub fn typed_args(data: &[u8]) {
    let (count, rest) = match data.split_first() {
        Some((count, rest)) => (usize::from(*count % 8).min(rest.len()), rest),
        None => return,
    };
    let (types, args) = rest.split_at(count);
    let types: Vec<ValType> = types
        .iter()
        .map(|ty| [ValType::I32, ValType::I64, ValType::F32, ValType::F64][usize::from(ty % 4)])
        .collect();
    let args: Vec<OsString> = args
        .split(|byte| *byte == 0)
        .map(|arg| OsString::from_vec(arg.to_vec()))
        .collect();
    let _ = host_core::cli::typed_args("f", &types, &args);
}

/// The transcript reader, on any text (bytes that are not UTF-8 are no transcript: its files are
/// read as UTF-8 first).
pub fn transcript(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let path = Path::new("docs/transcripts/fuzz/input.lucet.console");
        let _ = crate::transcript::Transcript::parse(path, text);
    }
}
