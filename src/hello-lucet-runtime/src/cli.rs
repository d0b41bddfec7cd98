//! The command line both hosts share (this file is also compiled into `hello-wasmtime-runtime`, so
//! it stays Rust 1.50 / edition 2018):
//!
//! `HOST [--heap-memory-size BYTES] MODULE [ENTRY] [ARGS...]`
//!
//! ENTRY defaults to `_start`; ARGS are parsed by the types of ENTRY's parameters.
use anyhow::{anyhow, bail, Context, Result};
use std::path::PathBuf;

pub const USAGE: &str = "usage: HOST [--heap-memory-size BYTES] MODULE [ENTRY] [ARGS...]
  MODULE  the AOT-compiled guest
  ENTRY   the exported function to run (default: _start)
  ARGS    its arguments, parsed by its parameter types (i32, i64, f32, f64)
  --heap-memory-size BYTES  the guest's heap limit (default: the module's initial heap,
                            rounded up to the host page size)";

pub struct Command {
    pub module: PathBuf,
    pub entry: String,
    pub args: Vec<String>,
    pub heap_memory_size: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValType {
    I32,
    I64,
    F32,
    F64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    I32(i32),
    I64(i64),
    F32(f32),
    F64(f64),
}

pub fn parse(mut argv: impl Iterator<Item = String>) -> Result<Command> {
    let mut heap_memory_size = None;
    let mut positional = Vec::new();
    while let Some(arg) = argv.next() {
        match arg.as_str() {
            "-h" | "--help" => bail!("{}", USAGE),
            "--heap-memory-size" => {
                let bytes = argv
                    .next()
                    .ok_or_else(|| anyhow!("--heap-memory-size needs BYTES\n{}", USAGE))?;
                heap_memory_size = Some(bytes.parse().with_context(|| {
                    format!("--heap-memory-size: {:?} is not a number of bytes", bytes)
                })?);
            }
            _ => positional.push(arg),
        }
    }
    let mut positional = positional.into_iter();
    let module = positional
        .next()
        .ok_or_else(|| anyhow!("MODULE is missing\n{}", USAGE))?;
    Ok(Command {
        module: PathBuf::from(module),
        entry: positional.next().unwrap_or_else(|| "_start".to_string()),
        args: positional.collect(),
        heap_memory_size,
    })
}

/// Parses `args` by the parameter types of `entry`, into the engine's values.
pub fn typed_args<V: From<Value>>(
    entry: &str,
    params: &[ValType],
    args: &[String],
) -> Result<Vec<V>> {
    if params.len() != args.len() {
        bail!(
            "{} takes {} argument(s) {:?}, but {} were given",
            entry,
            params.len(),
            params,
            args.len()
        );
    }
    params
        .iter()
        .zip(args)
        .map(|(ty, arg)| {
            let value = match ty {
                ValType::I32 => arg.parse().map(Value::I32).map_err(anyhow::Error::new),
                ValType::I64 => arg.parse().map(Value::I64).map_err(anyhow::Error::new),
                ValType::F32 => arg.parse().map(Value::F32).map_err(anyhow::Error::new),
                ValType::F64 => arg.parse().map(Value::F64).map_err(anyhow::Error::new),
            };
            value
                .map(V::from)
                .with_context(|| format!("argument {:?} of {} is not a {:?}", arg, entry, ty))
        })
        .collect()
}
