//! The command line both hosts share, with clap 2.33 (in Lucet's lockfile).
//!
//! `HOST [OPTIONS] MODULE [ENTRY] [ARGS]...`: ENTRY defaults to `_start`; ARGS are parsed by the
//! types of ENTRY's parameters, or for `_start`, a WASI command's entry, are its arguments. What
//! the guest may touch besides stdio, the clocks and random bytes is granted here (`Grants`).
//! `HOST --help` says the rest.
use crate::value::{Export, FuncType, ValType, Value};
use anyhow::{bail, Context, Result};
use clap::{App, AppSettings, Arg, ErrorKind};
use std::ffi::OsString;
use std::path::PathBuf;

pub struct Command {
    pub module: PathBuf,
    pub entry: String,
    pub args: Vec<OsString>,
    pub heap_memory_size: Option<usize>,
    pub list: bool,
    pub strings: bool,
    pub repeat: u32,
    pub after_start: bool,
    pub timeout: Option<std::time::Duration>,
    pub then: Option<String>,
    pub verify_with: Option<PathBuf>,
    /// `--report json`: what the run came to, as a last line of JSON on standard output.
    pub report_json: bool,
    /// `--diff PLAN`: the calls to make and observe instead of ENTRY (see `diff`).
    pub diff: Option<PathBuf>,
    /// `--dir`, `--dir-readonly` and `--env`; nothing by default.
    pub grants: Grants,
}

/// What the guest is given besides the clocks and random bytes, in WASI's terms: its arguments
/// (`argv[0]` the module's name), its environment, the host directories it may open, and the
/// host's stdio. The command line always grants stdio; `make bench` and `make load` grant nothing
/// (`Grants::default()`), so that what their guests print goes nowhere.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grants {
    pub stdio: bool,
    pub argv: Vec<String>,
    pub env: Vec<(String, String)>,
    pub dirs: Vec<Dir>,
}

/// A host directory the guest sees at `guest`: `--dir HOST[::GUEST]` (`writable`) or
/// `--dir-readonly HOST[::GUEST]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Dir {
    pub host: PathBuf,
    pub guest: String,
    pub writable: bool,
}

/// The entry of a WASI command: it takes the ARGS as its arguments, not as parameters.
pub const COMMAND_ENTRY: &str = "_start";

impl Command {
    /// The ARGS ENTRY is called with: none for a command's `_start`, whose arguments they are.
    pub fn entry_args(&self) -> &[OsString] {
        match self.entry.as_str() {
            COMMAND_ENTRY => &[],
            _ => &self.args,
        }
    }
}

// ANCHOR: app
fn app<'a>(host: &'a Host, usage: &'a str) -> App<'a, 'a> {
    App::new(host.name)
        .version(host.version)
        .about("Runs an exported function of an AOT-compiled WebAssembly module")
        .after_help(
            "The guest gets stdio, the clocks and random bytes. Nothing else is granted unless \
             asked: no directory, no environment variable, and no argument but the module's name.",
        )
        .usage(usage)
        .setting(AppSettings::AllowNegativeNumbers)
        .arg(
            Arg::with_name("MODULE")
                .required(true)
                .help("The AOT-compiled guest"),
        )
        .arg(
            Arg::with_name("ENTRY")
                .default_value("_start")
                .help("The exported function to run"),
        )
        .arg(Arg::with_name("ARGS").multiple(true).help(
            "ENTRY's arguments, parsed by its parameter types (i32, i64, f32, f64; a component's \
                 string too); for _start, the guest's own arguments",
        ))
        .arg(
            Arg::with_name("dir")
                .long("dir")
                .value_name("HOST_DIR[::GUEST_DIR]")
                .multiple(true)
                .number_of_values(1)
                .help("Lets the guest read and write HOST_DIR, which it sees as GUEST_DIR"),
        )
        .arg(
            Arg::with_name("dir-readonly")
                .long("dir-readonly")
                .value_name("HOST_DIR[::GUEST_DIR]")
                .multiple(true)
                .number_of_values(1)
                .help("Lets the guest read HOST_DIR, which it sees as GUEST_DIR"),
        )
        .arg(
            Arg::with_name("env")
                .long("env")
                .value_name("NAME=VALUE")
                .multiple(true)
                .number_of_values(1)
                .validator(|variable| match variable.contains('=') {
                    true => Ok(()),
                    false => Err(format!("{:?} is not NAME=VALUE", variable)),
                })
                .help("Sets an environment variable for the guest"),
        )
        .arg(
            Arg::with_name("list")
                .long("list")
                .conflicts_with_all(&["ENTRY", "ARGS"])
                .help("Prints the module's exported functions with their types, and exits"),
        )
        .arg(
            Arg::with_name("heap-memory-size")
                .long("heap-memory-size")
                .value_name("BYTES")
                .validator(|bytes| is_number::<usize>(&bytes))
                .help("The guest's heap limit [default: its initial heap, in whole host pages]"),
        )
        .arg(
            Arg::with_name("strings").long("strings").help(
                "Passes a string to ENTRY and prints the one it returns (a core module: guests/strings' ABI; a component: the canonical ABI)",
            ),
        )
        .arg(
            Arg::with_name("repeat")
                .long("repeat")
                .value_name("N")
                .validator(|n| is_number::<u32>(&n))
                .help("Calls ENTRY N times on the same instance [default: 1]"),
        )
        .arg(
            Arg::with_name("after-start")
                .long("after-start")
                .help("Runs _start first, on the same instance"),
        )
        .arg(
            Arg::with_name("timeout-ms")
                .long("timeout-ms")
                .value_name("MS")
                .validator(|ms| is_number::<u64>(&ms))
                .help("Stops a call to the guest that runs longer than MS milliseconds"),
        )
        .arg(
            Arg::with_name("then")
                .long("then")
                .value_name("EXPORT")
                .help("Then calls EXPORT on a fresh instance, whatever ENTRY did"),
        )
        .arg(
            Arg::with_name("verify-with")
                .long("verify-with")
                .value_name("PUBLIC_KEY")
                .help("Lucet: loads MODULE only if it is signed with this key's secret key"),
        )
        .arg(
            Arg::with_name("diff")
                .long("diff")
                .value_name("PLAN")
                .conflicts_with_all(&[
                    "ENTRY", "ARGS", "list", "strings", "then", "repeat", "after-start", "report",
                ])
                .help("Makes the calls PLAN lists and prints what they came to, as JSON"),
        )
        .arg(
            Arg::with_name("report")
                .long("report")
                .value_name("FORMAT")
                .possible_values(&["json"])
                .help("Ends standard output with what the run came to, for tools: a line of JSON"),
        )
}
// ANCHOR_END: app

/// Ends the process for clap's `error`, as clap-based tools do: `--help` and `--version` print
/// to stdout and exit 0; a usage error prints what is wrong and the usage to stderr and exits 2.
pub(crate) fn exit(error: clap::Error) -> ! {
    match error.kind {
        ErrorKind::HelpDisplayed | ErrorKind::VersionDisplayed => error.exit(),
        _ => {
            eprintln!("{}", error.message);
            std::process::exit(2)
        }
    }
}

pub(crate) fn is_number<T: std::str::FromStr>(text: &str) -> Result<(), String> {
    text.parse::<T>()
        .map(|_| ())
        .map_err(|_| format!("{:?} is not a whole number", text))
}

/// Which host the command line is of: `env!("CARGO_PKG_NAME")` and `env!("CARGO_PKG_VERSION")`.
pub struct Host {
    pub name: &'static str,
    pub version: &'static str,
}

/// The command line, or the process exits as clap-based tools do: `--help` prints to stdout and
/// exits 0; a usage error prints what is wrong and the usage to stderr and exits 2.
pub fn parse(host: &Host) -> Command {
    parse_from(host, std::env::args_os())
}

fn parse_from(host: &Host, args: impl IntoIterator<Item = OsString>) -> Command {
    let usage = format!("{} [OPTIONS] <MODULE> [ENTRY [ARGS]...]", host.name);
    let matches = app(host, &usage)
        .get_matches_from_safe(args)
        .unwrap_or_else(|error| exit(error));
    Command {
        module: PathBuf::from(matches.value_of_os("MODULE").unwrap()),
        entry: matches.value_of("ENTRY").unwrap().to_string(),
        args: matches
            .values_of_os("ARGS")
            .map_or_else(Vec::new, |args| args.map(OsString::from).collect()),
        // Both were validated as numbers above.
        heap_memory_size: matches
            .value_of("heap-memory-size")
            .map(|bytes| bytes.parse().unwrap()),
        list: matches.is_present("list"),
        strings: matches.is_present("strings"),
        repeat: matches.value_of("repeat").map_or(1, |n| n.parse().unwrap()),
        after_start: matches.is_present("after-start"),
        timeout: matches
            .value_of("timeout-ms")
            .map(|ms| std::time::Duration::from_millis(ms.parse().unwrap())),
        then: matches.value_of("then").map(String::from),
        verify_with: matches.value_of_os("verify-with").map(PathBuf::from),
        report_json: matches.value_of("report") == Some("json"),
        diff: matches.value_of_os("diff").map(PathBuf::from),
        grants: grants(&matches),
    }
}

fn grants(matches: &clap::ArgMatches) -> Grants {
    let module = PathBuf::from(matches.value_of_os("MODULE").unwrap());
    let name = module.file_stem().unwrap_or_default().to_string_lossy();
    let mut argv = vec![name.into_owned()];
    if matches.value_of("ENTRY") == Some(COMMAND_ENTRY) {
        let args = matches.values_of_lossy("ARGS").unwrap_or_default();
        argv.extend(args);
    }
    let dirs = |option, writable| {
        let values = matches.values_of(option).into_iter().flatten();
        values.map(move |value: &str| {
            let (host, guest) = match value.find("::") {
                Some(at) => (&value[..at], &value[at + 2..]),
                None => (value, value),
            };
            Dir {
                host: PathBuf::from(host),
                guest: guest.to_string(),
                writable,
            }
        })
    };
    let env = matches.values_of("env").into_iter().flatten();
    Grants {
        stdio: true,
        argv,
        // Each has a `=`: the validator saw to it.
        env: env
            .map(|variable| {
                let at = variable.find('=').unwrap();
                (variable[..at].to_string(), variable[at + 1..].to_string())
            })
            .collect(),
        dirs: dirs("dir", true)
            .chain(dirs("dir-readonly", false))
            .collect(),
    }
}

/// Parses `args` by the parameter types of `entry`, into the engine's values.
pub fn typed_args(entry: &str, params: &[ValType], args: &[OsString]) -> Result<Vec<Value>> {
    if params.len() != args.len() {
        let ty = FuncType {
            params: params.to_vec(),
            results: vec![],
        };
        bail!(
            "{} takes {} argument(s) {}, but {} were given",
            entry,
            params.len(),
            ty,
            args.len()
        );
    }
    params
        .iter()
        .zip(args)
        .map(|(ty, arg)| {
            let text = arg.to_str().unwrap_or_default();
            let value = match ty {
                ValType::String => match arg.to_str() {
                    Some(text) => Ok(Value::String(text.to_string())),
                    None => Err(anyhow::anyhow!("a string must be UTF-8")),
                },
                ValType::I32 => text.parse().map(Value::I32).map_err(anyhow::Error::new),
                ValType::I64 => text.parse().map(Value::I64).map_err(anyhow::Error::new),
                ValType::F32 => text.parse().map(Value::F32).map_err(anyhow::Error::new),
                ValType::F64 => text.parse().map(Value::F64).map_err(anyhow::Error::new),
            };
            value.with_context(|| format!("argument {:?} of {} is not of type {}", arg, entry, ty))
        })
        .collect()
}

/// What `--list` prints: one exported function a line, by name.
pub fn print_exports(mut exports: Vec<Export>) {
    exports.sort_by(|a, b| a.name.cmp(&b.name));
    for export in exports {
        println!("{}{}", export.name, export.ty);
    }
}

/// The context of an error looking up ENTRY: what the module does export, and the closest name.
/// Names starting with `__` are the C library's, not meant for a host, and never suggested.
pub fn no_such_export(command: &Command, exports: &[Export]) -> String {
    let mut names: Vec<&str> = exports.iter().map(|export| export.name.as_str()).collect();
    names.sort();
    let closest = names
        .iter()
        .filter(|name| !name.starts_with("__"))
        .min_by_key(|name| strsim::levenshtein(name, &command.entry));
    let suggestion = closest.map_or_else(String::new, |name| format!("; did you mean {:?}?", name));
    format!(
        "running {} in {} (exports: {}{})",
        command.entry,
        command.module.display(),
        names.join(", "),
        suggestion
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command(args: &[&str]) -> Command {
        let host = Host {
            name: "host",
            version: "0",
        };
        parse_from(&host, args.iter().map(OsString::from))
    }

    #[test]
    fn entry_defaults_to_start_and_args_follow_it() {
        let hello = command(&["host", "hello.so"]);
        assert_eq!(hello.entry, "_start");
        assert!(hello.args.is_empty() && hello.repeat == 1 && hello.timeout.is_none());
        let add = command(&["host", "--timeout-ms", "10", "add.so", "add", "5", "-3"]);
        assert_eq!(
            (add.module.to_str(), add.entry.as_str()),
            (Some("add.so"), "add")
        );
        assert_eq!(add.args, vec![OsString::from("5"), OsString::from("-3")]);
        assert_eq!(add.timeout, Some(std::time::Duration::from_millis(10)));
    }

    #[test]
    fn nothing_is_granted_unless_asked() {
        let hello = command(&["host", "build/hello.so"]);
        assert_eq!(
            hello.grants,
            Grants {
                stdio: true,
                argv: vec!["hello".to_string()],
                ..Grants::default()
            }
        );
        let granted = command(&[
            "host",
            "--dir",
            "box",
            "--dir-readonly",
            "/tmp/in::/in",
            "--env",
            "A=1=2",
            "caps.cwasm",
            "_start",
            "read",
            "/in/x",
        ]);
        assert_eq!(granted.grants.argv, vec!["caps", "read", "/in/x"]);
        assert_eq!(
            granted.grants.env,
            vec![("A".to_string(), "1=2".to_string())]
        );
        let dir = |host: &str, guest: &str, writable| Dir {
            host: PathBuf::from(host),
            guest: guest.to_string(),
            writable,
        };
        assert_eq!(
            granted.grants.dirs,
            vec![dir("box", "box", true), dir("/tmp/in", "/in", false)]
        );
        assert!(granted.entry_args().is_empty());
        let add = command(&["host", "add.so", "add", "5", "3"]);
        assert_eq!((add.grants.argv.len(), add.entry_args().len()), (1, 2));
    }

    #[test]
    fn args_are_parsed_by_the_parameter_types() {
        let args = [OsString::from("5"), OsString::from("2.5")];
        let values = typed_args("f", &[ValType::I32, ValType::F64], &args).unwrap();
        assert_eq!(values, vec![Value::I32(5), Value::F64(2.5)]);
        let wrong_type = typed_args("f", &[ValType::I32, ValType::I32], &args).unwrap_err();
        assert_eq!(
            format!("{:#}", wrong_type),
            "argument \"2.5\" of f is not of type i32: invalid digit found in string"
        );
        let strings = typed_args("g", &[ValType::String], &args[..1]).unwrap();
        assert_eq!(strings, vec![Value::String("5".to_string())]);
        let wrong_count = typed_args("f", &[ValType::I32], &args).unwrap_err();
        assert_eq!(
            wrong_count.to_string(),
            "f takes 1 argument(s) (i32), but 2 were given"
        );
    }

    #[test]
    fn a_missing_export_is_told_the_closest_name_but_never_a_libc_one() {
        let export = |name: &str| Export {
            name: name.to_string(),
            ty: FuncType {
                params: vec![],
                results: vec![],
            },
        };
        let exports = [export("_start"), export("__main_void"), export("hello")];
        assert_eq!(
            no_such_export(&command(&["host", "m.so", "main"]), &exports),
            "running main in m.so (exports: __main_void, _start, hello; did you mean \"_start\"?)"
        );
    }
}
