//! The command line of the migration chapter's examples (`migration-lucet`, `migration-wasmtime`,
//! `async-wasmtime`): one subcommand an example, each with the guest module and its arguments,
//! parsed by clap as the hosts' own command line is.
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
    /// `count(n)` with a bound of `bound` instructions or units of fuel.
    Fuel { module: String, bound: u64, n: i64 },
    /// `exit_with(code)`: the guest's exit status, passed on.
    Exit { module: String, code: i32 },
    /// `ready` before and after the module's start function.
    Start { module: String },
    /// `peek(address)`, past the guest's memory: the signal, or none.
    Signals { module: String, address: i32 },
    /// `ask(question)`: the guest suspended until the host answers.
    Yield { module: String, question: i32 },
    /// The module compiled for `target` and loaded on this host.
    Portable { module: String, target: String },
}

/// An example: its subcommand, what it shows, and its arguments after MODULE (name, help).
struct Spec {
    name: &'static str,
    about: &'static str,
    arguments: &'static [(&'static str, &'static str)],
}

const EXAMPLES: &[Spec] = &[
    Spec {
        name: "stack",
        about: "Runs descend(DEPTH) with a stack of STACK_BYTES",
        arguments: &[
            ("STACK_BYTES", "The guest's stack"),
            ("DEPTH", "How deep it recurses"),
        ],
    },
    Spec {
        name: "fuel",
        about: "Runs count(N), stopped after BOUND instructions or units of fuel",
        arguments: &[("BOUND", "The bound"), ("N", "How far it counts")],
    },
    Spec {
        name: "exit",
        about: "Runs exit_with(CODE) and exits with the guest's exit status",
        arguments: &[("CODE", "The exit status")],
    },
    Spec {
        name: "start",
        about: "Calls ready before and after the start function",
        arguments: &[],
    },
    Spec {
        name: "signals",
        about: "Runs peek(ADDRESS): a read past the guest's memory",
        arguments: &[("ADDRESS", "Where it reads")],
    },
    Spec {
        name: "yield",
        about: "Runs ask(QUESTION), which suspends the guest until the host answers",
        arguments: &[("QUESTION", "What the guest asks")],
    },
    Spec {
        name: "portable",
        about: "Compiles MODULE for TARGET and loads it on this host",
        arguments: &[("TARGET", "A target triple")],
    },
];

impl Example {
    /// The example the command line asks `program`, which runs those of `examples`; or the process
    /// exits as clap-based tools do (`--help`: 0; a usage error: 2, said on stderr).
    pub fn parse(program: &str, examples: &[&str]) -> Example {
        Example::parse_from(program, examples, std::env::args_os()).unwrap_or_else(|error| {
            if error.use_stderr() {
                eprintln!("{}", error.message);
                std::process::exit(2)
            }
            error.exit()
        })
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
            let mut example = SubCommand::with_name(spec.name)
                .about(spec.about)
                .setting(AppSettings::AllowNegativeNumbers)
                .arg(
                    Arg::with_name("MODULE")
                        .required(true)
                        .help("The guest module"),
                );
            for (argument, help) in spec.arguments.iter() {
                example = example.arg(Arg::with_name(argument).required(true).help(help));
            }
            app = app.subcommand(example);
        }
        let matches = app.get_matches_from_safe(args)?;
        let (name, matches) = match matches.subcommand() {
            (name, Some(matches)) => (name, matches),
            _ => unreachable!("a subcommand is required"),
        };
        let module = matches.value_of("MODULE").unwrap_or_default().to_string();
        Ok(match name {
            "stack" => Example::Stack {
                module,
                stack_size: number(matches, "STACK_BYTES")?,
                depth: number(matches, "DEPTH")?,
            },
            "fuel" => Example::Fuel {
                module,
                bound: number(matches, "BOUND")?,
                n: number(matches, "N")?,
            },
            "exit" => Example::Exit {
                module,
                code: number(matches, "CODE")?,
            },
            "start" => Example::Start { module },
            "signals" => Example::Signals {
                module,
                address: number(matches, "ADDRESS")?,
            },
            "yield" => Example::Yield {
                module,
                question: number(matches, "QUESTION")?,
            },
            _ => Example::Portable {
                module,
                target: matches.value_of("TARGET").unwrap_or_default().to_string(),
            },
        })
    }
}

/// The argument `name`, a whole number of type `T`, or clap's error saying it is not one.
fn number<T: std::str::FromStr>(matches: &ArgMatches, name: &str) -> Result<T, clap::Error> {
    let text = matches.value_of(name).unwrap_or_default();
    text.parse().map_err(|_| {
        clap::Error::value_validation_auto(format!(
            "{}: {:?} is not a whole number of the right size",
            name, text
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(examples: &[&str], args: &[&str]) -> Result<Example, clap::Error> {
        let args = std::iter::once("example").chain(args.iter().copied());
        Example::parse_from("example", examples, args.map(OsString::from))
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
        let portable = parse(
            &["portable"],
            &["portable", "m.wasm", "x86_64-apple-darwin"],
        );
        assert_eq!(
            portable.unwrap(),
            Example::Portable {
                module: "m.wasm".to_string(),
                target: "x86_64-apple-darwin".to_string()
            }
        );
    }

    #[test]
    fn a_wrong_number_a_missing_argument_or_another_programs_example_is_refused() {
        let words = parse(&["stack"], &["stack", "m.so", "big", "1"]).unwrap_err();
        assert!(words
            .message
            .contains("STACK_BYTES: \"big\" is not a whole number"));
        assert!(parse(&["fuel"], &["fuel", "m.so", "-5", "1"]).is_err());
        assert!(parse(&["exit"], &["exit", "m.so"]).is_err());
        assert!(parse(&["stack", "exit"], &["portable", "m.wasm", "x"]).is_err());
    }
}
