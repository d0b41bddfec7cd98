//! A few hundred damaged copies of a real artifact (`hello.so`, `hello.cwasm`), fed to each host:
//! none may kill it with a signal, hang it or make it panic; each gets an error, or runs if the
//! damage did not matter. Whether it could not matter is known by construction: the generator
//! records each byte it changed, and only a byte left as it was, or one of a field the engine's
//! loader does not read and the host's check does not judge (`harmless`), may let a copy run; any
//! other copy that runs fails the test. The damage is of the kinds the hosts check for before loading
//! (src/host-core/src/artifact.rs): truncation, bytes of the ELF header, the program
//! headers' offsets and sizes, and random bytes. Damage inside code and data is beyond any check
//! before `dlopen` (the docs say so). The Lucet half is ignored, reported as skipped, without a
//! checkout.
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use xtask::engines::Engines;
use xtask::process::{run_with_deadline, signal};
use xtask::project_root;

const HANG: Duration = Duration::from_secs(30);

fn main() -> anyhow::Result<()> {
    let engines = Engines::read()?;
    let engines = engines.found();
    let trials = bench_cases::ENGINES
        .iter()
        .map(|&(key, _)| {
            let name = format!(
                "{}: damaged copies of hello neither crash nor hang the host",
                key
            );
            match engines.iter().find(|engine| engine.key() == key) {
                Some(engine) => {
                    let (host, artifact) = (engine.host.clone(), engine.artifact("hello"));
                    Trial::test(name, move || {
                        damaged_copies_are_refused(key, &host, &artifact)
                    })
                }
                // No Lucet checkout: reported as skipped.
                None => Trial::test(name, || Ok(())).with_ignored_flag(true),
            }
        })
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

fn damaged_copies_are_refused(engine: &str, host: &Path, artifact: &Path) -> Result<(), Failed> {
    let original = std::fs::read(artifact).map_err(|e| format!("{}: {}", artifact.display(), e))?;
    let dir = project_root().join("build/scratch/damaged").join(engine);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut failures = Vec::new();
    let mut outcomes = [0usize; 2];
    for (number, (damage, bytes)) in damaged(&original).into_iter().enumerate() {
        let copy = dir.join(format!("{:03}", number));
        std::fs::write(&copy, &bytes).map_err(|e| e.to_string())?;
        let may_run = damage.harmless(engine, &original);
        match run(host, &copy) {
            Ok(true) if may_run.is_none() => failures.push(format!(
                "{} ({}): ran, though nothing makes that damage harmless",
                copy.display(),
                damage
            )),
            Ok(ran) => outcomes[usize::from(ran)] += 1,
            Err(why) => failures.push(format!("{} ({}): {}", copy.display(), damage, why)),
        }
    }
    eprintln!(
        "{}: {} refused with an error, {} ran anyway, {} escaped",
        engine,
        outcomes[0],
        outcomes[1],
        failures.len()
    );
    match failures.is_empty() {
        true => Ok(()),
        false => Err(failures.join("\n").into()),
    }
}

/// Runs the host on `module`: Ok(true) if it ran, Ok(false) if it refused it with an error.
fn run(host: &Path, module: &Path) -> Result<bool, String> {
    let mut command = Command::new(host);
    command.arg(module).env("RUST_BACKTRACE", "0");
    let output = run_with_deadline(&mut command, HANG)
        .map_err(|e| format!("{}: {}", host.display(), e))?
        .ok_or_else(|| format!("still running after {:?}", HANG))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if let Some(signal) = signal(&output.status) {
        return Err(format!("killed by signal {}", signal));
    }
    if stderr.contains("panicked") {
        return Err(format!("the host panicked: {}", stderr));
    }
    match output.status.code() {
        Some(0) => Ok(true),
        Some(1) if stderr.starts_with("Error: loading ") => Ok(false),
        other => Err(format!("exit status {:?}: {}", other, stderr)),
    }
}

/// What was done to a copy.
enum Damage {
    Truncated(usize),
    /// The byte at this offset, set to this value.
    Byte(usize, u8),
    Random(usize),
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Damage::Truncated(keep) => write!(f, "truncated to {} bytes", keep),
            Damage::Byte(at, value) => write!(f, "byte {} set to {}", at, value),
            Damage::Random(len) => write!(f, "{} random bytes", len),
        }
    }
}

/// ELF program header types some of whose fields a `dlopen` does not read (see `harmless`).
const PT_GNU_STACK: u32 = 0x6474_e551;
const PT_GNU_RELRO: u32 = 0x6474_e552;

impl Damage {
    /// Why this damage cannot matter to `engine`'s host, if it cannot: the byte is as it was, or
    /// it is in a field the engine's loader does not read and the host's check does not judge.
    /// A truncated copy or random bytes always matter.
    fn harmless(&self, engine: &str, original: &[u8]) -> Option<&'static str> {
        let &Damage::Byte(at, value) = self else {
            return None;
        };
        if original[at] == value {
            return Some("the byte is as it was");
        }
        match (engine, at) {
            // A shared object's entry point; x86-64 defines no flags.
            (_, 24..=31) => Some("e_entry"),
            (_, 48..=51) => Some("e_flags"),
            // dlopen reads no section, and takes the ELF header's size as given.
            ("lucet", 52..=53) => Some("e_ehsize"),
            ("lucet", 62..=63) => Some("e_shstrndx"),
            ("lucet", _) => {
                let phoff = phoff(original);
                let header = at.checked_sub(phoff)? / 56;
                let field = (at - phoff) % 56;
                let base = phoff + 56 * header;
                let kind = u32::from_le_bytes(original[base..base + 4].try_into().unwrap());
                match (kind, field) {
                    // The stack's segment says only its flags.
                    (PT_GNU_STACK, 8..=15 | 32..=47) => Some("PT_GNU_STACK's offset or sizes"),
                    // glibc protects p_vaddr for p_memsz; the file offset and size are unread.
                    (PT_GNU_RELRO, 8..=15 | 32..=39) => Some("PT_GNU_RELRO's offset or file size"),
                    _ => None,
                }
            }
            // Wasmtime reads a .cwasm by its section headers and its own metadata: of the ELF
            // header, it checks the magic, class, data and machine, and follows e_shoff.
            ("wasmtime", 7..=17 | 20..=23 | 52..=53) => {
                Some("an ELF header field Wasmtime does not read")
            }
            // No program headers to point at.
            ("wasmtime", 32..=39 | 54..=55) if phnum(original) == 0 => {
                Some("e_phoff or e_phentsize, with no program headers")
            }
            _ => None,
        }
    }
}

/// Where an ELF file's program headers start (`e_phoff`).
fn phoff(elf: &[u8]) -> usize {
    u64::from_le_bytes(elf[32..40].try_into().unwrap()) as usize
}

/// How many program headers an ELF file has (`e_phnum`).
fn phnum(elf: &[u8]) -> usize {
    u16::from_le_bytes(elf[56..58].try_into().unwrap()) as usize
}

/// The damaged copies, each with what was done to it: deterministic, so a failure repeats.
fn damaged(original: &[u8]) -> Vec<(Damage, Vec<u8>)> {
    let mut random = XorShift(0x5eed_1e55_c0ff_ee00);
    let mut copies = Vec::new();
    let len = original.len();
    for cut in 0..120 {
        let keep = len * cut / 120;
        copies.push((Damage::Truncated(keep), original[..keep].to_vec()));
    }
    // The ELF header, and the offset and size fields of each program header (56 bytes each).
    let mut fields: Vec<usize> = (0..64).collect();
    for header in 0..phnum(original) {
        let at = phoff(original) + 56 * header;
        fields.extend((at + 8..at + 16).chain(at + 32..at + 48));
    }
    for _ in 0..120 {
        let at = fields[random.below(fields.len())];
        let mut copy = original.to_vec();
        copy[at] = random.next() as u8;
        copies.push((Damage::Byte(at, copy[at]), copy));
    }
    for _ in 0..60 {
        let bytes: Vec<u8> = (0..random.below(4096))
            .map(|_| random.next() as u8)
            .collect();
        copies.push((Damage::Random(bytes.len()), bytes));
    }
    copies
}

/// A small, seeded pseudo-random generator (xorshift64).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
