//! A guest that reaches for what its host may or may not grant it: files, the environment, its
//! arguments, the clocks and random bytes. One attempt a run, named by its first argument:
//! `HOST capabilities.cwasm _start read /box/hello.txt`. It prints what it got, or the WASI error
//! it got (`error: ENOTCAPABLE`), and never panics.
use std::time::{Instant, SystemTime, UNIX_EPOCH};

// ANCHOR: attempts
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let words: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    let got = match words.as_slice() {
        ["read", path] => std::fs::read_to_string(path).map_err(errno),
        ["write", path, text] => std::fs::write(path, text)
            .map(|()| format!("wrote {} bytes", text.len()))
            .map_err(errno),
        ["create-remove", path] => std::fs::File::create(path)
            .and_then(|_| std::fs::remove_file(path))
            .map(|()| "created and removed".to_string())
            .map_err(errno),
        ["list", dir] => list(dir),
        ["hard-link", from, to] => std::fs::hard_link(from, to)
            .map(|()| format!("linked {} to {}", to, from))
            .map_err(errno),
        ["env"] => Ok(environment()),
        ["args", ..] => Ok(format!("{:?}", args)),
        ["clocks"] => clocks(),
        ["random"] => random(),
        _ => Err(
            "usage: read PATH | write PATH TEXT | create-remove PATH | list DIR | \
                  hard-link FROM TO | env | args [ARG...] | clocks | random"
                .to_string(),
        ),
    };
    match got {
        Ok(what) => println!("ok: {}", what.trim_end()),
        Err(why) => println!("error: {}", why),
    }
}
// ANCHOR_END: attempts

fn list(dir: &str) -> Result<String, String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(errno)? {
        names.push(
            entry
                .map_err(errno)?
                .file_name()
                .to_string_lossy()
                .into_owned(),
        );
    }
    names.sort();
    Ok(names.join(" "))
}

fn environment() -> String {
    let variables: Vec<String> = std::env::vars()
        .map(|(k, v)| format!("{}={}", k, v))
        .collect();
    match variables.is_empty() {
        true => "no variables".to_string(),
        false => variables.join(" "),
    }
}

/// Whether the clocks answer, without their values (which differ from run to run).
fn clocks() -> Result<String, String> {
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?;
    let first = Instant::now();
    let second = Instant::now();
    let after_2021 = wall.as_secs() > 1_609_459_200;
    Ok(format!(
        "wall clock after 2021: {}, monotonic clock goes forward: {}",
        after_2021,
        second >= first
    ))
}

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    /// WASI's `random_get(buf, len) -> errno`.
    fn random_get(buf: *mut u8, len: usize) -> i32;
}

fn random() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    // SAFETY: WASI's `random_get` writes at most `len` bytes at `buf`, here all of `bytes`.
    match unsafe { random_get(bytes.as_mut_ptr(), bytes.len()) } {
        0 => Ok(format!(
            "{} random bytes, not all zero: {}",
            bytes.len(),
            bytes.iter().any(|&b| b != 0)
        )),
        code => Err(name(code)),
    }
}

fn errno(error: std::io::Error) -> String {
    match error.raw_os_error() {
        Some(code) => name(code),
        None => error.to_string(),
    }
}

/// WASI preview 1's errno names, by number.
const ERRNO: [&str; 77] = [
    "SUCCESS",
    "2BIG",
    "ACCES",
    "ADDRINUSE",
    "ADDRNOTAVAIL",
    "AFNOSUPPORT",
    "AGAIN",
    "ALREADY",
    "BADF",
    "BADMSG",
    "BUSY",
    "CANCELED",
    "CHILD",
    "CONNABORTED",
    "CONNREFUSED",
    "CONNRESET",
    "DEADLK",
    "DESTADDRREQ",
    "DOM",
    "DQUOT",
    "EXIST",
    "FAULT",
    "FBIG",
    "HOSTUNREACH",
    "IDRM",
    "ILSEQ",
    "INPROGRESS",
    "INTR",
    "INVAL",
    "IO",
    "ISCONN",
    "ISDIR",
    "LOOP",
    "MFILE",
    "MLINK",
    "MSGSIZE",
    "MULTIHOP",
    "NAMETOOLONG",
    "NETDOWN",
    "NETRESET",
    "NETUNREACH",
    "NFILE",
    "NOBUFS",
    "NODEV",
    "NOENT",
    "NOEXEC",
    "NOLCK",
    "NOLINK",
    "NOMEM",
    "NOMSG",
    "NOPROTOOPT",
    "NOSPC",
    "NOSYS",
    "NOTCONN",
    "NOTDIR",
    "NOTEMPTY",
    "NOTRECOVERABLE",
    "NOTSOCK",
    "NOTSUP",
    "NOTTY",
    "NXIO",
    "OVERFLOW",
    "OWNERDEAD",
    "PERM",
    "PIPE",
    "PROTO",
    "PROTONOSUPPORT",
    "PROTOTYPE",
    "RANGE",
    "ROFS",
    "SPIPE",
    "SRCH",
    "STALE",
    "TIMEDOUT",
    "TXTBSY",
    "XDEV",
    "NOTCAPABLE",
];

fn name(code: i32) -> String {
    match ERRNO.get(code as usize) {
        Some(name) => format!("E{}", name),
        None => format!("errno {}", code),
    }
}
