//! The AOT step on Wasmtime, in place of `lucetc-wasi`:
//! `wasmtime-compile build/wasm/hello.wasm -o build/wasmtime/hello.cwasm`. A component (a guest
//! built for wasm32-wasip2) is compiled as one, for the component host:
//! `wasmtime-compile target/wasm32-wasip2/release/hello.wasm -o build/component/hello.cwasm`. With
//! `--no-memory-init-cow` first, for an engine whose memories are not mapped from the module's
//! image (`Pooling::memory_init_cow`, which `make load` measures).
use anyhow::{bail, Context, Result};
use std::path::Path;
use wasmtime::Engine;

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let cow = args.first().map(String::as_str) != Some("--no-memory-init-cow");
    if !cow {
        args.remove(0);
    }
    let (input, output) = match args.as_slice() {
        [input, flag, output] if flag == "-o" => (Path::new(input), Path::new(output)),
        _ => bail!("usage: wasmtime-compile [--no-memory-init-cow] MODULE.wasm -o MODULE.cwasm"),
    };
    let wasm = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let engine = Engine::new(&hello_wasmtime_runtime::config_for(cow))?;
    // ANCHOR: component
    let artifact = match wasmparser::Parser::is_component(&wasm) {
        true => engine.precompile_component(&wasm),
        false => engine.precompile_module(&wasm),
    };
    // ANCHOR_END: component
    let artifact = artifact
        .map_err(anyhow::Error::from)
        .with_context(|| format!("compiling {}", input.display()))?;
    // Written beside the output and renamed into place: never a half-written artifact.
    let partial = output.with_extension("cwasm.partial");
    std::fs::write(&partial, artifact).with_context(|| format!("writing {}", partial.display()))?;
    std::fs::rename(&partial, output).with_context(|| format!("writing {}", output.display()))?;
    Ok(())
}
