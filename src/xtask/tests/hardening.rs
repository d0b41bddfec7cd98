//! The hosts' hardening, as the Performance chapter states it, checked on the built binaries (each
//! engine's host and `make load`'s binary): position-independent (PIE), so that their own code
//! is placed at random; full RELRO (the relocated data made read-only, every symbol bound at
//! start); a stack that is not executable (NX); and no stack protector, which Rust's stable
//! compiler does not emit (`-Z stack-protector` is nightly's): a canary check would import
//! `__stack_chk_fail`. The ELF is read with `object`, the crate Wasmtime reads ELF with. The
//! Lucet binaries are ignored, reported as skipped, without a checkout.
use libtest_mimic::{Arguments, Failed, Trial};
use object::elf;
use object::read::elf::{Dyn, FileHeader, ProgramHeader};
use object::read::{Object, ObjectSymbol};
use std::path::{Path, PathBuf};
use xtask::engines::Engines;

fn main() -> anyhow::Result<()> {
    let engines = Engines::read()?;
    let engines = engines.found();
    let mut trials = Vec::new();
    for (key, _) in bench_cases::ENGINES {
        let engine = engines.iter().find(|engine| engine.key() == key);
        for binary in ["host", "load binary"] {
            let name = format!(
                "{}: the {} is PIE, full RELRO, NX, with no stack protector",
                key, binary
            );
            let path: Option<PathBuf> = engine.map(|engine| match binary {
                "host" => engine.host.clone(),
                _ => engine.load.clone(),
            });
            trials.push(match path {
                Some(path) => Trial::test(name, move || hardened(&path)),
                // No Lucet checkout: reported as skipped.
                None => Trial::test(name, || Ok(())).with_ignored_flag(true),
            });
        }
    }
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

fn hardened(path: &Path) -> Result<(), Failed> {
    let data = std::fs::read(path)
        .map_err(|e| format!("{}: {} (run make all-engines)", path.display(), e))?;
    let header =
        elf::FileHeader64::<object::Endianness>::parse(&*data).map_err(|e| e.to_string())?;
    let endian = header.endian().map_err(|e| e.to_string())?;
    let segments = header
        .program_headers(endian, &*data)
        .map_err(|e| e.to_string())?;
    let mut flags = 0;
    let mut flags_1 = 0;
    for segment in segments {
        if let Some(dynamic) = segment.dynamic(endian, &*data).map_err(|e| e.to_string())? {
            for entry in dynamic {
                match entry.d_tag(endian) as i64 {
                    elf::DT_FLAGS => flags = entry.d_val(endian),
                    elf::DT_FLAGS_1 => flags_1 = entry.d_val(endian),
                    _ => {}
                }
            }
        }
    }
    // ANCHOR: checks
    let segment = |kind| segments.iter().find(|s| s.p_type(endian) == kind);
    let mut missing = Vec::new();
    if header.e_type(endian) != elf::ET_DYN || flags_1 & u64::from(elf::DF_1_PIE) == 0 {
        missing.push("PIE: not a position-independent executable (ET_DYN with DF_1_PIE)");
    }
    let bind_now =
        flags & u64::from(elf::DF_BIND_NOW) != 0 || flags_1 & u64::from(elf::DF_1_NOW) != 0;
    if segment(elf::PT_GNU_RELRO).is_none() || !bind_now {
        missing.push("full RELRO: no PT_GNU_RELRO, or symbols not bound at start (BIND_NOW)");
    }
    match segment(elf::PT_GNU_STACK) {
        Some(stack) if stack.p_flags(endian) & elf::PF_X == 0 => {}
        _ => missing.push("NX: the stack is executable, or PT_GNU_STACK is missing"),
    }
    let file = object::File::parse(&*data).map_err(|e| e.to_string())?;
    if file
        .dynamic_symbols()
        .any(|symbol| symbol.name() == Ok("__stack_chk_fail"))
    {
        missing.push("no stack protector, as the Performance chapter says: it imports __stack_chk_fail (update the chapter)");
    }
    // ANCHOR_END: checks
    match missing.is_empty() {
        true => Ok(()),
        false => Err(format!("{}: {}", path.display(), missing.join("; ")).into()),
    }
}
