//! The command line of the migration chapter's examples (`migration-lucet`, `migration-wasmtime`,
//! `async-wasmtime`): one subcommand an example, each with the guest module and its arguments,
//! parsed by clap as the hosts' own command line is.
use crate::cli::{exit, is_number};
use clap::{App, AppSettings, Arg, ArgMatches, SubCommand};
use std::ffi::OsString;

/// One of the migration chapter's examples, with its arguments.
#[derive(Clone, Debug, PartialEq)]
pub enum Example {
    /// `descend(depth)` with a stack of `stack_size` bytes.
    Stack {
        module: String,
        stack_size: usize,
        depth: i32,
    },
    /// `count(n)`, stopped after `bound` instructions or units of fuel.
    Fuel { module: String, bound: u64, n: i64 },
    /// `exit_with(code)`: the guest's exit status, passed on.
    Exit { module: String, code: i32 },
    /// `ready` before and after the module's start function.
    Start { module: String },
    /// `peek(address)`, past the guest's memory: the signal, or none.
    Signals { module: String, address: i32 },
    /// `export(n)` (`reenter` or `reenter_loudly`): the host calls the guest back.
    Reenter {
        module: String,
        export: String,
        n: i32,
    },
    /// `ask(question)`: the guest suspended until the host answers.
    Yield { module: String, question: i32 },
    /// The module compiled for `target` and loaded on this host.
    Portable { module: String, target: String },
}

/// An argument after MODULE: its name, its help, and what it must be.
struct Argument {
    name: &'static str,
    help: &'static str,
    valid: fn(String) -> Result<(), String>,
}

/// An example: its subcommand, what it shows, and its arguments after MODULE.
struct Spec {
    name: &'static str,
    about: &'static str,
    arguments: &'static [Argument],
}

fn whole<T: std::str::FromStr>(text: String) -> Result<(), String> {
    is_number::<T>(&text)
}

/// A bound both engines can count to: at least 1 (Lucet pauses only where the count crosses it)
/// and at most `i64::MAX` (Lucet keeps it in an i64).
fn bound(text: String) -> Result<(), String> {
    match text.parse::<i64>() {
        Ok(bound) if bound >= 1 => Ok(()),
        _ => Err(format!("{:?} is not a bound from 1 to {}", text, i64::MAX)),
    }
}

fn reentering(text: String) -> Result<(), String> {
    match text.as_str() {
        "reenter" | "reenter_loudly" => Ok(()),
        _ => Err(format!("{:?} is not reenter or reenter_loudly", text)),
    }
}

fn any(_: String) -> Result<(), String> {
    Ok(())
}

const EXAMPLES: &[Spec] = &[
    Spec {
        name: "stack",
        about: "Runs descend(DEPTH) with a stack of STACK_BYTES",
        arguments: &[
            Argument {
                name: "STACK_BYTES",
                help: "The guest's stack",
                valid: whole::<usize>,
            },
            Argument {
                name: "DEPTH",
                help: "How deep it recurses",
                valid: whole::<i32>,
            },
        ],
    },
    Spec {
        name: "fuel",
        about: "Runs count(N), stopped after BOUND instructions or units of fuel",
        arguments: &[
            Argument {
                name: "BOUND",
                help: "The bound",
                valid: bound,
            },
            Argument {
                name: "N",
                help: "How far it counts",
                valid: whole::<i64>,
            },
        ],
    },
    Spec {
        name: "exit",
        about: "Runs exit_with(CODE) and exits with the guest's exit status",
        arguments: &[Argument {
            name: "CODE",
            help: "The exit status",
            valid: whole::<i32>,
        }],
    },
    Spec {
        name: "start",
        about: "Calls ready before and after the start function",
        arguments: &[],
    },
    Spec {
        name: "signals",
        about: "Runs peek(ADDRESS): a read past the guest's memory",
        arguments: &[Argument {
            name: "ADDRESS",
            help: "Where it reads",
            valid: whole::<i32>,
        }],
    },
    Spec {
        name: "reenter",
        about: "Runs EXPORT(N), which has the host call the guest back",
        arguments: &[
            Argument {
                name: "EXPORT",
                help: "reenter or reenter_loudly",
                valid: reentering,
            },
            Argument {
                name: "N",
                help: "What the guest doubles",
                valid: whole::<i32>,
            },
        ],
    },
    Spec {
        name: "yield",
        about: "Runs ask(QUESTION), which suspends the guest until the host answers",
        arguments: &[Argument {
            name: "QUESTION",
            help: "What the guest asks",
            valid: whole::<i32>,
        }],
    },
    Spec {
        name: "portable",
        about: "Compiles MODULE for TARGET and loads it on this host",
        arguments: &[Argument {
            name: "TARGET",
            help: "A target triple",
            valid: any,
        }],
    },
];

impl Example {
    /// The example the command line asks `program`, which runs those of `examples`; or the process
    /// exits as clap-based tools do (`cli::exit`).
    pub fn parse(program: &str, examples: &[&str]) -> Example {
        Example::parse_from(program, examples, std::env::args_os()).unwrap_or_else(|e| exit(e))
    }

    fn parse_from(
        program: &str,
        examples: &[&str],
        args: impl IntoIterator<Item = OsString>,
    ) -> Result<Example, clap::Error> {
        let mut app = App::new(program)
            .about("The migration chapter's examples, on the guests it names")
            .setting(AppSettings::SubcommandRequiredElseHelp);
        for spec in EXAMPLES.iter().filter(|spec| examples.contains(&spec.name)) {
            let module = Arg::with_name("MODULE")
                .required(true)
                .help("The guest module");
            let mut example = SubCommand::with_name(spec.name)
                .about(spec.about)
                .setting(AppSettings::AllowNegativeNumbers)
                .arg(module);
            for argument in spec.arguments {
                let arg = Arg::with_name(argument.name)
                    .required(true)
                    .help(argument.help);
                example = example.arg(arg.validator(argument.valid));
            }
            app = app.subcommand(example);
        }
        let matches = app.get_matches_from_safe(args)?;
        let (name, matches) = match matches.subcommand() {
            (name, Some(matches)) => (name, matches),
            _ => unreachable!("a subcommand is required"),
        };
        let module = text(matches, "MODULE");
        Ok(match name {
            "stack" => Example::Stack {
                module,
                stack_size: number(matches, "STACK_BYTES"),
                depth: number(matches, "DEPTH"),
            },
            "fuel" => Example::Fuel {
                module,
                bound: number(matches, "BOUND"),
                n: number(matches, "N"),
            },
            "exit" => Example::Exit {
                module,
                code: number(matches, "CODE"),
            },
            "start" => Example::Start { module },
            "signals" => Example::Signals {
                module,
                address: number(matches, "ADDRESS"),
            },
            "reenter" => Example::Reenter {
                module,
                export: text(matches, "EXPORT"),
                n: number(matches, "N"),
            },
            "yield" => Example::Yield {
                module,
                question: number(matches, "QUESTION"),
            },
            _ => Example::Portable {
                module,
                target: text(matches, "TARGET"),
            },
        })
    }
}

fn text(matches: &ArgMatches, name: &str) -> String {
    matches.value_of(name).unwrap_or_default().to_string()
}

/// The argument `name`, which its validator accepted as a number of this type.
fn number<T: std::str::FromStr>(matches: &ArgMatches, name: &str) -> T {
    match text(matches, name).parse() {
        Ok(number) => number,
        Err(_) => unreachable!("{} was validated as a number", name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ErrorKind;

    fn parse(examples: &[&str], args: &[&str]) -> Result<Example, clap::Error> {
        let args = std::iter::once("example").chain(args.iter().copied());
        Example::parse_from("example", examples, args.map(OsString::from))
    }

    fn kind(examples: &[&str], args: &[&str]) -> ErrorKind {
        parse(examples, args).unwrap_err().kind
    }

    #[test]
    fn each_example_reads_its_arguments() {
        let stack = parse(&["stack"], &["stack", "m.so", "131072", "10000"]).unwrap();
        assert_eq!(
            stack,
            Example::Stack {
                module: "m.so".to_string(),
                stack_size: 131072,
                depth: 10000
            }
        );
        let fuel = parse(&["fuel"], &["fuel", "m.wasm", "100000", "-1"]).unwrap();
        assert_eq!(
            fuel,
            Example::Fuel {
                module: "m.wasm".to_string(),
                bound: 100000,
                n: -1
            }
        );
        let reenter = parse(&["reenter"], &["reenter", "c.so", "reenter_loudly", "21"]);
        assert_eq!(
            reenter.unwrap(),
            Example::Reenter {
                module: "c.so".to_string(),
                export: "reenter_loudly".to_string(),
                n: 21
            }
        );
    }

    #[test]
    fn a_wrong_value_a_missing_argument_or_another_programs_example_is_refused() {
        let words = parse(&["stack"], &["stack", "m.so", "big", "1"]).unwrap_err();
        assert_eq!(words.kind, ErrorKind::ValueValidation);
        assert!(words.message.contains("\"big\" is not a whole number"));
        // Lucet pauses only where the count crosses the bound, and keeps it in an i64.
        let zero = kind(&["fuel"], &["fuel", "m.so", "0", "1"]);
        assert_eq!(zero, ErrorKind::ValueValidation);
        let huge = kind(&["fuel"], &["fuel", "m.so", "9223372036854775808", "1"]);
        assert_eq!(huge, ErrorKind::ValueValidation);
        let other = kind(&["reenter"], &["reenter", "c.so", "descend", "1"]);
        assert_eq!(other, ErrorKind::ValueValidation);
        let missing = kind(&["exit"], &["exit", "m.so"]);
        assert_eq!(missing, ErrorKind::MissingRequiredArgument);
        let elsewhere = kind(&["stack", "exit"], &["portable", "m.wasm", "x"]);
        assert_eq!(elsewhere, ErrorKind::UnknownArgument);
    }
}
