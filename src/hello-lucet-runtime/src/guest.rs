//! What both hosts do with a running guest, written once: the calls the command line asks for,
//! the host function the hostcall guest imports, and strings through the guest's memory. Each
//! engine provides a `Guest`. (Also compiled into `hello-wasmtime-runtime`: Rust 1.50, edition 2018.)
use crate::cli::{self, Command, FuncType, ValType, Value};
use anyhow::{anyhow, bail, Context, Result};

/// An instance of a module, on either engine.
pub trait Guest {
    /// Calls the exported function `name` with `args`; its results.
    fn call(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>>;
    /// The guest's linear memory as it is now.
    fn memory(&mut self) -> Result<&mut [u8]>;
}

/// Runs `command`'s ENTRY, of type `entry`, on `guest` and prints what it returns.
pub fn run(command: &Command, entry: &FuncType, guest: &mut impl Guest) -> Result<()> {
    let name = &command.entry;
    if command.after_start {
        guest.call("_start", &[]).context("running _start first")?;
    }
    for call in 1..=command.repeat {
        let outcome = if command.strings {
            call_with_strings(guest, name, entry, &command.args)
                .map(|greeting| println!("{} returned {:?}", name, greeting))
        } else {
            cli::typed_args(name, &entry.params, &command.args)
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
    println!("host received: {}", text);
    Ok(len as i32)
}
// ANCHOR_END: hostcall

// ANCHOR: strings
/// Calls `entry` with one string through the guest's memory (the ABI of guests/strings): the
/// bytes go into a buffer from the guest's `alloc`; `entry(ptr, len)` takes that buffer and returns
/// its result as `ptr << 32 | len`, which is read and then freed with `dealloc(ptr, len)`.
fn call_with_strings(
    guest: &mut impl Guest,
    entry: &str,
    ty: &FuncType,
    args: &[std::ffi::OsString],
) -> Result<String> {
    use ValType::{I32, I64};
    if ty.params != [I32, I32] || ty.results != [I64] || args.len() != 1 {
        bail!(
            "--strings calls a function (i32, i32) -> i64 with one string; {}{} was given {} argument(s)",
            entry,
            ty,
            args.len()
        );
    }
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
    let packed = match guest.call(entry, &[Value::I32(ptr), Value::I32(len)])?.as_slice() {
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
