//! Checks a module file before an engine loads it, so that bad input gets an error that names the
//! file and says what to do. What is checked: that it is a non-empty file, not a WebAssembly module
//! yet to be compiled, an ELF file for this machine, and not truncated: the ELF header, the program
//! headers and every segment, and the section headers lie inside the file. (A truncated `.so` that
//! reaches `dlopen` kills the Lucet host with SIGBUS.) Damage inside the segments is beyond these
//! checks: `dlopen` maps the file and runs code from it.
use anyhow::{bail, Context, Result};
use std::convert::TryInto;
use std::path::Path;

/// What an engine loads, and how to make one.
pub struct Kind {
    /// `a shared object made by lucetc`
    pub what: &'static str,
    /// `lucetc`
    pub compiler: &'static str,
    /// `make build/lucet/NAME.so`
    pub build: &'static str,
    /// The ELF file type it has (3, ET_DYN, for a shared object), if the engine requires one.
    pub elf_type: Option<u16>,
}

// ANCHOR: check
/// `Ok` if `path` looks like `kind` as far as can be seen without loading it.
pub fn check(path: &Path, kind: &Kind) -> Result<()> {
    let make = kind.build;
    let metadata = std::fs::metadata(path)
        .with_context(|| format!("it cannot be read: check the path, or build it ({})", make))?;
    if metadata.is_dir() {
        bail!("it is a directory, not {}", kind.what);
    }
    let bytes = checked_parts(path).context("it cannot be read")?;
    check_bytes(&bytes, kind)
}
// ANCHOR_END: check

/// What `check` checks of a file's bytes (all of them, or the parts `elf` reads): the fuzz target
/// `artifact` feeds it any bytes, which must give `Ok` or an error, never a panic.
pub fn check_bytes(bytes: &[u8], kind: &Kind) -> Result<()> {
    let make = kind.build;
    if bytes.is_empty() {
        bail!("it is empty, not {}: build it again ({})", kind.what, make);
    }
    if bytes.starts_with(b"\0asm") {
        bail!(
            "it is a WebAssembly module, not yet compiled ahead of time: compile it with {} ({})",
            kind.compiler,
            make
        );
    }
    elf(bytes, kind).map_err(|why| {
        anyhow::anyhow!(
            "it is not {}: {}; build it again ({})",
            kind.what,
            why,
            make
        )
    })
}

/// The file as `elf` sees it, with only what `elf` checks read: its first 64 bytes (the ELF
/// header), its program and section header tables; zeros elsewhere, which `elf` never reads and
/// the memory never touches. (The file is often hundreds of KB; what is checked, a few KB.)
fn checked_parts(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len() as usize;
    let mut bytes = vec![0; len];
    let head = len.min(64);
    file.read_exact_at(&mut bytes[..head], 0)?;
    if head == 64 && bytes.starts_with(b"\x7fELF") {
        let u16_at = |at: usize| u64::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
        let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
        // (offset, size) of the program header table, then of the section header table.
        let tables = [
            (u64_at(32), u16_at(54) * u16_at(56)),
            (u64_at(40), u16_at(58) * u16_at(60)),
        ];
        for (offset, size) in tables.iter() {
            let end = offset.checked_add(*size).filter(|end| *end <= len as u64);
            if let Some(end) = end {
                let range = *offset as usize..end as usize;
                file.read_exact_at(&mut bytes[range], *offset)?;
            }
        }
    }
    Ok(bytes)
}

/// Why `bytes` is not a whole 64-bit little-endian x86-64 ELF file, if it is not.
fn elf(bytes: &[u8], kind: &Kind) -> std::result::Result<(), String> {
    let len = bytes.len() as u64;
    let slice = |at: u64, n: usize| bytes.get(at as usize..(at as usize).checked_add(n)?);
    let u16_at = |at: u64| slice(at, 2).map(|b| u16::from_le_bytes(b.try_into().unwrap()));
    let u32_at = |at: u64| slice(at, 4).map(|b| u32::from_le_bytes(b.try_into().unwrap()));
    let u64_at = |at: u64| slice(at, 8).map(|b| u64::from_le_bytes(b.try_into().unwrap()));
    if !bytes.starts_with(b"\x7fELF") {
        return Err("no ELF header".to_string());
    }
    if bytes.len() < 64 {
        return Err(format!(
            "truncated: {} bytes, shorter than an ELF header",
            len
        ));
    }
    if bytes[4] != 2 || bytes[5] != 1 || bytes[6] != 1 {
        return Err("not a 64-bit little-endian ELF file of version 1".to_string());
    }
    let elf_type = u16_at(16).unwrap();
    if kind.elf_type.map_or(false, |wanted| wanted != elf_type) {
        return Err(format!("ELF file type {}, not a shared object", elf_type));
    }
    if u16_at(18) != Some(62) {
        return Err(format!(
            "built for machine {:?}, not x86-64",
            u16_at(18).unwrap()
        ));
    }
    // Program headers (56 bytes each) and the segments they describe; section headers (64 each).
    let (phoff, phentsize, phnum) = (
        u64_at(32).unwrap(),
        u16_at(54).unwrap(),
        u16_at(56).unwrap(),
    );
    let (shoff, shentsize, shnum) = (
        u64_at(40).unwrap(),
        u16_at(58).unwrap(),
        u16_at(60).unwrap(),
    );
    if phnum > 0 && phentsize != 56 || shnum > 0 && shentsize != 64 {
        return Err("unexpected ELF header sizes".to_string());
    }
    let inside = |offset: u64, size: u64| offset.checked_add(size).map_or(false, |end| end <= len);
    if !inside(phoff, 56 * phnum as u64) || !inside(shoff, 64 * shnum as u64) {
        return Err(format!(
            "truncated: {} bytes, but its headers go further",
            len
        ));
    }
    let segments: Vec<Segment> = (0..phnum as u64)
        .map(|header| phoff + 56 * header)
        .map(|at| Segment {
            kind: u32_at(at).unwrap(),
            offset: u64_at(at + 8).unwrap(),
            address: u64_at(at + 16).unwrap(),
            file_size: u64_at(at + 32).unwrap(),
            memory_size: u64_at(at + 40).unwrap(),
        })
        .collect();
    for (number, segment) in segments.iter().enumerate() {
        if segment.kind != 0
            && (!inside(segment.offset, segment.file_size)
                || segment.file_size > segment.memory_size)
        {
            return Err(format!(
                "truncated or damaged: segment {} is {} bytes at {}, the file {} bytes",
                number, segment.file_size, segment.offset, len
            ));
        }
    }
    // The sections loaded into memory (flag SHF_ALLOC).
    let sections: Vec<Section> = (0..shnum as u64)
        .map(|header| shoff + 64 * header)
        .filter(|&at| u64_at(at + 8).unwrap() & SHF_ALLOC != 0)
        .map(|at| Section {
            kind: u32_at(at + 4).unwrap(),
            address: u64_at(at + 16).unwrap(),
            offset: u64_at(at + 24).unwrap(),
            size: u64_at(at + 32).unwrap(),
        })
        .collect();
    loaded_as_sections_say(&segments, &sections)
}

struct Segment {
    kind: u32,
    offset: u64,
    address: u64,
    file_size: u64,
    memory_size: u64,
}

struct Section {
    kind: u32,
    address: u64,
    offset: u64,
    size: u64,
}

const PT_LOAD: u32 = 1;
const SHT_NOBITS: u32 = 8;
const SHF_ALLOC: u64 = 2;

// ANCHOR: segments
/// The program headers (what `dlopen` maps) agree with the section headers (what the linker laid
/// out): each loaded section lies in a loadable segment, at the file offset the segment maps it
/// from; each loadable segment ends exactly where its last section ends, in the file and in
/// memory; every other segment covers whole sections inside a loadable one.
fn loaded_as_sections_say(
    segments: &[Segment],
    sections: &[Section],
) -> std::result::Result<(), String> {
    let loads: Vec<(usize, &Segment)> = segments
        .iter()
        .enumerate()
        .filter(|(_, segment)| segment.kind == PT_LOAD)
        .collect();
    if loads.is_empty() {
        return Ok(());
    }
    let in_file = |section: &Section| section.kind != SHT_NOBITS;
    let mut ends = vec![(0, 0); loads.len()];
    for (number, section) in sections.iter().enumerate() {
        let end = section.address.saturating_add(section.size);
        let load = loads.iter().position(|(_, load)| {
            load.address <= section.address
                && end <= load.address.saturating_add(load.memory_size)
                && (!in_file(section)
                    || section.offset.wrapping_sub(load.offset)
                        == section.address.wrapping_sub(load.address))
        });
        let load = match load {
            Some(load) => load,
            None => return Err(format!("no segment loads section {}", number)),
        };
        let (file_end, memory_end) = &mut ends[load];
        if in_file(section) {
            *file_end = std::cmp::max(*file_end, section.offset.saturating_add(section.size));
        }
        *memory_end = std::cmp::max(*memory_end, end);
    }
    // The others (the dynamic section, the part made read-only after relocation) cover sections.
    for (number, segment) in segments.iter().enumerate() {
        let end = segment.address.saturating_add(segment.memory_size);
        let covers_sections = segment.kind == PT_LOAD
            || segment.memory_size == 0
            || sections
                .iter()
                .any(|section| section.address == segment.address)
                && sections
                    .iter()
                    .any(|section| section.address.saturating_add(section.size) == end)
                && loads.iter().any(|(_, load)| {
                    load.address <= segment.address
                        && end <= load.address.saturating_add(load.memory_size)
                        && segment.offset.wrapping_sub(load.offset)
                            == segment.address.wrapping_sub(load.address)
                });
        if !covers_sections {
            return Err(format!("segment {} does not cover whole sections", number));
        }
    }
    for ((number, load), (file_end, memory_end)) in loads.iter().zip(ends) {
        let sized_by_sections = memory_end == 0
            || (load.offset.saturating_add(load.file_size) == file_end
                && load.address.saturating_add(load.memory_size) == memory_end);
        if !sized_by_sections {
            return Err(format!(
                "segment {} is not the size of its sections",
                number
            ));
        }
    }
    Ok(())
}
// ANCHOR_END: segments

#[cfg(test)]
mod tests {
    use super::*;

    const ANY_ELF: Kind = Kind {
        what: "an ELF file",
        compiler: "a compiler",
        build: "make it",
        elf_type: None,
    };

    fn check_bytes(name: &str, bytes: &[u8]) -> String {
        let path = std::env::temp_dir().join(format!("host-core-{}-{}", std::process::id(), name));
        std::fs::write(&path, bytes).unwrap();
        let outcome = check(&path, &ANY_ELF);
        std::fs::remove_file(&path).unwrap();
        outcome.map_or_else(|error| error.to_string(), |()| "ok".to_string())
    }

    #[test]
    fn a_cut_elf_file_is_told_truncated() {
        let this = std::fs::read(std::env::current_exe().unwrap()).unwrap();
        let cut = check_bytes("cut", &this[..this.len() / 2]);
        assert!(
            cut.starts_with("it is not an ELF file: truncated"),
            "{}",
            cut
        );
    }

    #[test]
    fn what_is_not_an_artifact_says_what_to_do() {
        assert_eq!(
            check_bytes("empty", b""),
            "it is empty, not an ELF file: build it again (make it)"
        );
        assert_eq!(
            check_bytes("wasm", b"\0asm\x01\0\0\0"),
            "it is a WebAssembly module, not yet compiled ahead of time: compile it with a compiler (make it)"
        );
        assert_eq!(
            check_bytes("text", b"hello"),
            "it is not an ELF file: no ELF header; build it again (make it)"
        );
        let missing = check(Path::new("/nonexistent/m.so"), &ANY_ELF).unwrap_err();
        assert_eq!(
            missing.to_string(),
            "it cannot be read: check the path, or build it (make it)"
        );
    }
}
