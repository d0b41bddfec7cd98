//! What both hosts do with a running guest, written once: the calls the command line asks for,
//! the host function the hostcall guest imports, strings through the guest's memory, timeouts and
//! faults in words. Each engine provides a `Guest`.
use crate::cli::{self, Command};
use crate::report::Report;
use crate::value::{FuncType, ValType, Value};
use crate::watchdog;
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::{Duration, Instant};

/// An instance of a module, on either engine.
pub trait Guest {
    /// Calls the exported function `name` with `args`; its results. A fault is an error with the
    /// engine's own error below a `Trap` in words; past the command's `--timeout-ms`, the call is
    /// stopped.
    fn call(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>>;
    /// The guest's linear memory as it is now (a component has none a host can see: an error).
    fn memory(&mut self) -> Result<&mut [u8]>;
    /// The guest's exported globals and their values now, in any order (`--diff` compares them).
    /// A core module's engines have them; a component shows none to its host: an error.
    fn globals(&mut self) -> Result<Vec<(String, Value)>> {
        bail!("this guest shows its host no globals")
    }
    /// Replaces the instance with a fresh one of the same module, in this process (Lucet: in the
    /// same region, whose one slot is reused; Wasmtime: in a new store of the same engine).
    fn fresh_instance(&mut self) -> Result<()>;
    /// The engine's own error at the bottom of `error`, as `--report json` names it.
    fn engine_error(&self, error: &anyhow::Error) -> String {
        error.root_cause().to_string()
    }
}

/// Runs `command`'s ENTRY, of type `entry`, on `guest` and prints what it returns; then, with
/// `--then`, another export on a fresh instance, whatever ENTRY did; with `--report json`, a line
/// that says what both came to. The result is ENTRY's.
pub fn run(command: &Command, entry: &FuncType, guest: &mut impl Guest) -> Result<()> {
    let outcome = run_entry(command, entry, guest);
    let then = command.then.as_ref().map(|then| {
        if let Err(error) = &outcome {
            eprintln!("Error: {:?}", error);
        }
        let returned = guest
            .fresh_instance()
            .context("making a fresh instance")
            .and_then(|()| {
                guest
                    .call(then, &[])
                    .with_context(|| format!("running {}", then))
            });
        for value in returned.iter().flatten() {
            println!("{} returned {} on a fresh instance", then, value);
        }
        (then, returned)
    });
    if command.report_json {
        let then = then
            .as_ref()
            .map(|(then, returned)| (then.as_str(), returned));
        let report = Report::new(guest, &command.entry, &outcome, then);
        println!("{}", serde_json::to_string(&report)?);
    }
    match then {
        Some((_, Err(error))) => Err(error),
        Some((then, Ok(_))) => {
            outcome.map_err(|_| anyhow!("{} failed (above); {} ran", command.entry, then))
        }
        None => outcome,
    }
}

fn run_entry(command: &Command, entry: &FuncType, guest: &mut impl Guest) -> Result<()> {
    let name = &command.entry;
    if command.after_start {
        guest.call("_start", &[]).context("running _start first")?;
    }
    for call in 1..=command.repeat {
        let outcome = if command.strings {
            call_with_strings(guest, name, entry, &command.args)
                .map(|greeting| println!("{} returned {:?}", name, greeting))
        } else {
            cli::typed_args(name, &entry.params, command.entry_args())
                .and_then(|args| guest.call(name, &args))
                .map(|values| {
                    for value in values {
                        println!("{} returned {}", name, value);
                    }
                })
        };
        match outcome {
            Err(error) if command.repeat > 1 => {
                return Err(error.context(format!("call {} of {}", call, command.repeat)))
            }
            outcome => outcome?,
        }
    }
    Ok(())
}

/// The traps both engines report, in words (each engine maps its own trap codes to these).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Trap {
    Unreachable,
    OutOfBounds,
    DivideByZero,
    /// `i32.div_s` of the smallest integer by -1 (and `rem_s` in some engines' words).
    IntegerOverflow,
    /// A float converted to an integer it does not fit (`i32.trunc_f32_s` of NaN, say).
    BadConversion,
    /// `call_indirect` through an index past the table's end.
    TableOutOfBounds,
    /// `call_indirect` through an empty table entry.
    NullCall,
    /// `call_indirect` of a function of another type.
    BadSignature,
    StackOverflow,
    TimedOut(Duration),
    /// The guest's memory was to grow past its heap limit (`--heap-memory-size`): the limit, and
    /// the size it was to grow to, if the engine says.
    HeapLimit {
        limit: usize,
        wanted: Option<usize>,
    },
}

impl std::error::Error for Trap {}

impl Trap {
    /// What kind of trap it is: what `--diff` reports and `make fuzz-diff` compares.
    pub fn kind(&self) -> TrapKind {
        match self {
            Trap::Unreachable => TrapKind::Unreachable,
            Trap::OutOfBounds => TrapKind::OutOfBounds,
            Trap::DivideByZero => TrapKind::DivideByZero,
            Trap::IntegerOverflow => TrapKind::IntegerOverflow,
            Trap::BadConversion => TrapKind::BadConversion,
            Trap::TableOutOfBounds => TrapKind::TableOutOfBounds,
            Trap::NullCall => TrapKind::NullCall,
            Trap::BadSignature => TrapKind::BadSignature,
            Trap::StackOverflow => TrapKind::StackOverflow,
            Trap::TimedOut(_) => TrapKind::TimedOut,
            Trap::HeapLimit { .. } => TrapKind::HeapLimit,
        }
    }
}

/// A `Trap`'s kind, without what it carries, by the words `--diff` writes it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrapKind {
    #[serde(rename = "unreachable")]
    Unreachable,
    #[serde(rename = "out of bounds")]
    OutOfBounds,
    #[serde(rename = "divide by zero")]
    DivideByZero,
    #[serde(rename = "integer overflow")]
    IntegerOverflow,
    #[serde(rename = "bad conversion")]
    BadConversion,
    #[serde(rename = "table out of bounds")]
    TableOutOfBounds,
    #[serde(rename = "null call")]
    NullCall,
    #[serde(rename = "bad signature")]
    BadSignature,
    #[serde(rename = "stack overflow")]
    StackOverflow,
    #[serde(rename = "timed out")]
    TimedOut,
    #[serde(rename = "heap limit")]
    HeapLimit,
}

impl fmt::Display for TrapKind {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // Its words are its serde name: one spelling for the JSON and for people.
        let words = serde_json::to_value(self).map_err(|_| fmt::Error)?;
        f.write_str(words.as_str().unwrap_or_default())
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Trap::Unreachable => {
                f.write_str("the guest reached `unreachable` (a Rust panic or abort)")
            }
            Trap::OutOfBounds => f.write_str("the guest accessed memory outside its heap"),
            Trap::DivideByZero => f.write_str("the guest divided an integer by zero"),
            Trap::IntegerOverflow => f.write_str("the guest's integer division overflowed"),
            Trap::BadConversion => {
                f.write_str("the guest converted a float to an integer it does not fit")
            }
            Trap::TableOutOfBounds => {
                f.write_str("the guest called through an index past its table's end")
            }
            Trap::NullCall => f.write_str("the guest called through an empty table entry"),
            Trap::BadSignature => {
                f.write_str("the guest called a function of another type through its table")
            }
            Trap::StackOverflow => f.write_str("the guest exhausted its call stack"),
            Trap::TimedOut(after) => write!(
                f,
                "the guest ran past its time limit, {} ms, and was stopped",
                after.as_millis()
            ),
            Trap::HeapLimit { limit, wanted } => {
                f.write_str("the guest's memory was to grow ")?;
                if let Some(wanted) = wanted {
                    write!(f, "to {} bytes, ", wanted)?;
                }
                write!(f, "past its heap limit, {} bytes", limit)
            }
        }
    }
}

// ANCHOR: timeout
/// Runs `call`; if it takes longer than `timeout`, the process's watchdog thread calls `stop`
/// (Lucet: the instance's `KillSwitch`; Wasmtime: the store's own stop, see its host). One watchdog
/// serves every thread, so that calls on many threads at once cost no thread each.
pub fn with_timeout<R>(
    timeout: Option<Duration>,
    stop: impl FnOnce() + Send + 'static,
    call: impl FnOnce() -> R,
) -> R {
    let timeout = match timeout {
        Some(timeout) => timeout,
        None => return call(),
    };
    // Disarmed when dropped: after `call` returns, or as it unwinds.
    let _armed = watchdog::arm(Instant::now() + timeout, Box::new(stop));
    call()
}
// ANCHOR_END: timeout

// ANCHOR: bounds
/// The `len` bytes at `ptr` in a guest's memory, or an error if any of them is outside it.
pub fn guest_bytes(memory: &mut [u8], ptr: u32, len: u32) -> Result<&mut [u8]> {
    let size = memory.len();
    let (start, end) = (ptr as usize, ptr as usize + len as usize);
    memory.get_mut(start..end).ok_or_else(|| {
        anyhow!(
            "bytes {}..{} are outside the guest's memory ({} bytes)",
            start,
            end,
            size
        )
    })
}
// ANCHOR_END: bounds

// ANCHOR: hostcall
/// The host function the hostcall guest imports as `hello_host.log(ptr, len) -> i32`: prints the
/// guest's string and returns its length.
pub fn log(memory: &mut [u8], ptr: u32, len: u32) -> Result<i32> {
    let bytes = guest_bytes(memory, ptr, len).context("log")?;
    let text = std::str::from_utf8(bytes).context("log: the guest's string is not UTF-8")?;
    received(text);
    Ok(len as i32)
}

/// What the host does with the guest's message: a core guest's, read from its memory by `log`, or
/// a component's, a `string` by the canonical ABI.
pub fn received(text: &str) {
    println!("host received: {}", text);
}
// ANCHOR_END: hostcall

/// Calls `entry` with one string and returns the string it returns: a component's `(string) ->
/// string` directly, by the canonical ABI; a core module's `(i32, i32) -> i64` through its memory.
/// (`--strings`, and the benchmark that compares the two.)
pub fn call_with_strings(
    guest: &mut impl Guest,
    entry: &str,
    ty: &FuncType,
    args: &[std::ffi::OsString],
) -> Result<String> {
    use ValType::{String as Str, I32, I64};
    if args.len() == 1 && ty.params == [Str] && ty.results == [Str] {
        let args = cli::typed_args(entry, &ty.params, args)?;
        return match guest.call(entry, &args)?.as_slice() {
            [Value::String(returned)] => Ok(returned.clone()),
            other => bail!("{} returned {:?}, not a string", entry, other),
        };
    }
    if ty.params != [I32, I32] || ty.results != [I64] || args.len() != 1 {
        bail!(
            "--strings calls a function (i32, i32) -> i64 (a core module) or (string) -> string (a component) with one string; {}{} was given {} argument(s)",
            entry,
            ty,
            args.len()
        );
    }
    call_through_memory(guest, entry, args)
}

// ANCHOR: strings
/// Calls `entry` with one string through the guest's memory (the ABI of guests/strings): the
/// bytes go into a buffer from the guest's `alloc`; `entry(ptr, len)` takes that buffer and returns
/// its result as `ptr << 32 | len`, which is read and then freed with `dealloc(ptr, len)`.
fn call_through_memory(
    guest: &mut impl Guest,
    entry: &str,
    args: &[std::ffi::OsString],
) -> Result<String> {
    // A string from the command line is passed as it is, even if it is not UTF-8 (on Unix).
    let input = std::os::unix::ffi::OsStrExt::as_bytes(args[0].as_os_str());
    let len = input.len() as i32;
    let ptr = match guest.call("alloc", &[Value::I32(len)])?.as_slice() {
        [Value::I32(ptr)] => *ptr,
        other => bail!("alloc returned {:?}, not a pointer", other),
    };
    guest_bytes(guest.memory()?, ptr as u32, len as u32)
        .context("alloc returned a buffer")?
        .copy_from_slice(input);
    let packed = match guest
        .call(entry, &[Value::I32(ptr), Value::I32(len)])?
        .as_slice()
    {
        [Value::I64(packed)] => *packed as u64,
        other => bail!("{} returned {:?}, not a string", entry, other),
    };
    let (ptr, len) = ((packed >> 32) as u32, packed as u32);
    let output = guest_bytes(guest.memory()?, ptr, len)
        .with_context(|| format!("{} returned a string", entry))?
        .to_vec();
    guest.call("dealloc", &[Value::I32(ptr as i32), Value::I32(len as i32)])?;
    String::from_utf8(output).map_err(|error| {
        let escaped: String = error
            .as_bytes()
            .iter()
            .flat_map(|byte| std::ascii::escape_default(*byte))
            .map(char::from)
            .collect();
        anyhow!(
            "{} returned bytes that are not UTF-8 ({}): \"{}\"",
            entry,
            error.utf8_error(),
            escaped
        )
    })
}
// ANCHOR_END: strings

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;

    /// How long a test waits for the watchdog before it gives up: far past any deadline it sets,
    /// so that a watchdog that never stops a call fails the test instead of hanging it.
    const GIVE_UP: Duration = Duration::from_secs(10);

    /// Spins, as a guest that runs on would, until `stopped` is set or `GIVE_UP` has passed.
    fn spin_until(stopped: &AtomicBool) {
        let started = Instant::now();
        while !stopped.load(Ordering::SeqCst) && started.elapsed() < GIVE_UP {
            std::thread::yield_now();
        }
    }

    #[test]
    fn guest_bytes_stay_inside_the_memory() {
        let mut memory = vec![0u8; 16];
        assert_eq!(guest_bytes(&mut memory, 8, 8).unwrap().len(), 8);
        assert_eq!(
            guest_bytes(&mut memory, 12, 8).unwrap_err().to_string(),
            "bytes 12..20 are outside the guest's memory (16 bytes)"
        );
    }

    #[test]
    fn a_call_past_its_timeout_is_stopped_and_a_quick_one_is_not() {
        let stopped = Arc::new(AtomicBool::new(false));
        let flag = stopped.clone();
        let slow = move || spin_until(&flag);
        let stop = {
            let stopped = stopped.clone();
            move || stopped.store(true, Ordering::SeqCst)
        };
        with_timeout(Some(Duration::from_millis(10)), stop, slow);
        assert!(stopped.load(Ordering::SeqCst));

        let never = Arc::new(AtomicBool::new(false));
        let flag = never.clone();
        let stop = move || flag.store(true, Ordering::SeqCst);
        assert_eq!(with_timeout(Some(Duration::from_secs(10)), stop, || 7), 7);
        assert!(!never.load(Ordering::SeqCst));
    }

    #[test]
    fn the_watchdog_stops_only_the_call_past_its_deadline() {
        let stopped = Arc::new(AtomicBool::new(false));
        let slow = {
            let (flag, stop) = (stopped.clone(), stopped.clone());
            std::thread::spawn(move || {
                let stop = move || stop.store(true, Ordering::SeqCst);
                with_timeout(Some(Duration::from_millis(20)), stop, || spin_until(&flag))
            })
        };
        // Quick calls on this thread meanwhile, and after: none is stopped. Their deadline leaves
        // room for a busy machine to pause this thread between a call's start and its end.
        let quick = Duration::from_millis(200);
        let quick_stops = Arc::new(AtomicUsize::new(0));
        for _ in 0..2000 {
            let stops = quick_stops.clone();
            let stop = move || {
                stops.fetch_add(1, Ordering::SeqCst);
            };
            with_timeout(Some(quick), stop, || ());
        }
        slow.join().unwrap();
        assert!(stopped.load(Ordering::SeqCst));
        // Past every quick call's deadline: a watchdog that stopped a finished call has done so.
        std::thread::sleep(quick + Duration::from_millis(50));
        assert_eq!(quick_stops.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn heap_limit_traps_say_what_the_guest_wanted() {
        let trap = Trap::HeapLimit {
            limit: 65536,
            wanted: Some(131072),
        };
        assert_eq!(
            trap.to_string(),
            "the guest's memory was to grow to 131072 bytes, past its heap limit, 65536 bytes"
        );
    }

    /// A guest of guests/strings' ABI: `alloc` hands out offset 16, `greet` returns "Hi, " and the
    /// input, written at offset 64.
    struct StringsGuest {
        memory: Vec<u8>,
        freed: Vec<(i32, i32)>,
    }

    impl Guest for StringsGuest {
        fn call(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>> {
            match (name, args) {
                ("alloc", [Value::I32(_)]) => Ok(vec![Value::I32(16)]),
                ("greet", [Value::I32(ptr), Value::I32(len)]) => {
                    let input = self.memory[*ptr as usize..(*ptr + *len) as usize].to_vec();
                    let output = [b"Hi, ".to_vec(), input].concat();
                    self.memory[64..64 + output.len()].copy_from_slice(&output);
                    Ok(vec![Value::I64(64 << 32 | output.len() as i64)])
                }
                ("dealloc", [Value::I32(ptr), Value::I32(len)]) => {
                    self.freed.push((*ptr, *len));
                    Ok(vec![])
                }
                _ => bail!("no exported function named {:?}", name),
            }
        }

        fn memory(&mut self) -> Result<&mut [u8]> {
            Ok(&mut self.memory)
        }

        fn fresh_instance(&mut self) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn strings_go_in_through_alloc_and_come_back_freed() {
        let mut guest = StringsGuest {
            memory: vec![0; 128],
            freed: vec![],
        };
        let ty = FuncType {
            params: vec![ValType::I32, ValType::I32],
            results: vec![ValType::I64],
        };
        let args = [std::ffi::OsString::from("ワールド")];
        let greeting = call_with_strings(&mut guest, "greet", &ty, &args).unwrap();
        assert_eq!(greeting, "Hi, ワールド");
        assert_eq!(guest.freed, vec![(64, "Hi, ワールド".len() as i32)]);
        let wrong = FuncType {
            params: vec![ValType::I32],
            results: vec![],
        };
        assert!(call_with_strings(&mut guest, "greet", &wrong, &args).is_err());
    }

    /// A component's `greet`: a string in, a string out, by the canonical ABI; `answer` returns a
    /// number where a string was declared.
    struct ComponentGuest;

    impl Guest for ComponentGuest {
        fn call(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>> {
            match (name, args) {
                ("greet", [Value::String(name)]) => {
                    Ok(vec![Value::String(format!("Hi, {}", name))])
                }
                ("answer", [Value::String(_)]) => Ok(vec![Value::I32(42)]),
                _ => bail!("no exported function named {:?}", name),
            }
        }

        fn memory(&mut self) -> Result<&mut [u8]> {
            bail!("a component exports no memory")
        }

        fn fresh_instance(&mut self) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_components_strings_go_in_and_out_as_strings() {
        let ty = FuncType {
            params: vec![ValType::String],
            results: vec![ValType::String],
        };
        let args = [std::ffi::OsString::from("ワールド")];
        let greeting = call_with_strings(&mut ComponentGuest, "greet", &ty, &args).unwrap();
        assert_eq!(greeting, "Hi, ワールド");
        let error = call_with_strings(&mut ComponentGuest, "answer", &ty, &args).unwrap_err();
        assert_eq!(error.to_string(), "answer returned [I32(42)], not a string");
        let not_utf8 = [std::os::unix::ffi::OsStringExt::from_vec(vec![0xff])];
        let error = call_with_strings(&mut ComponentGuest, "greet", &ty, &not_utf8).unwrap_err();
        assert_eq!(
            format!("{:#}", error),
            "argument \"\\xFF\" of greet is not of type string: a string must be UTF-8"
        );
    }
}
