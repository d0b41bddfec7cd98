//! The modules: wasm-smith's, from a seed, restricted to what lucetc 51fb1ed compiles
//! (WebAssembly 1.0, no imports), made to end (`ensure_termination`), their NaNs canonical (the spec
//! lets an engine choose a NaN's bits), everything exported; and the calls to make of each.
use anyhow::{anyhow, Context, Result};
use host_core::diff::{Bits, Call, Plan};
use wasm_smith::{Config, Module};

/// The largest memory a module may declare, and its maximum, which every module declares.
pub const MEMORY_BYTES: u64 = 16 * 65536;
/// Each module's fuel: loop iterations and calls before it traps (`unreachable`).
const FUEL: u32 = 1000;

// ANCHOR: config
/// wasm-smith's configuration: WebAssembly 1.0 as lucetc 51fb1ed's parser takes it.
pub fn config() -> Config {
    Config {
        // Post-MVP proposals, all off: lucetc 51fb1ed (Cranelift 0.70) predates most of them.
        bulk_memory_enabled: false,
        reference_types_enabled: false,
        multi_value_enabled: false,
        saturating_float_to_int_enabled: false,
        sign_extension_ops_enabled: false,
        simd_enabled: false,
        relaxed_simd_enabled: false,
        threads_enabled: false,
        tail_call_enabled: false,
        exceptions_enabled: false,
        gc_enabled: false,
        memory64_enabled: false,
        wide_arithmetic_enabled: false,
        extended_const_enabled: false,
        custom_page_sizes_enabled: false,
        compact_imports_enabled: false,
        // Nothing to import; one memory of at most 16 pages, with a maximum; a table at most.
        max_imports: 0,
        min_memories: 1,
        max_memories: 1,
        max_memory32_bytes: MEMORY_BYTES,
        memory_max_size_required: true,
        max_tables: 1,
        max_table_elements: 1000,
        // Small enough to compile in a blink, large enough to do something.
        min_types: 1,
        min_funcs: 1,
        max_funcs: 20,
        max_instructions: 200,
        // The same answer on both: NaNs canonical; everything exported, memory and globals too.
        canonicalize_nans: true,
        export_everything: true,
        ..Config::default()
    }
}
// ANCHOR_END: config

/// SplitMix64: the seed's bytes for wasm-smith, and the calls' arguments.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64() as u8).collect()
    }

    fn pick<T: Copy>(&mut self, choices: &[T]) -> T {
        choices[(self.next_u64() % choices.len() as u64) as usize]
    }
}

/// The module of `seed`.
pub fn module(seed: u64) -> Result<Vec<u8>> {
    let mut rng = Rng::new(seed);
    let len = 4096 + (rng.next_u64() % 8192) as usize;
    let bytes = rng.bytes(len);
    let mut input = arbitrary::Unstructured::new(&bytes);
    let mut module = Module::new(config(), &mut input)
        .map_err(|error| anyhow!("wasm-smith, seed {}: {}", seed, error))?;
    module
        .ensure_termination(FUEL)
        .map_err(|error| anyhow!("wasm-smith, seed {}: {}", seed, error))?;
    Ok(module.to_bytes())
}

/// The calls to make of `wasm`: each exported function once, in the order of its exports, with
/// arguments from `seed` (edge values more often than not).
pub fn plan(wasm: &[u8], seed: u64) -> Result<Plan> {
    use wasmparser::{Payload, TypeRef};
    let mut types = Vec::new();
    let mut funcs = Vec::new();
    let mut calls = Vec::new();
    let mut rng = Rng::new(seed ^ 0x5eed);
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload.context("reading a generated module")? {
            Payload::TypeSection(section) => {
                for ty in section.into_iter_err_on_gc_types() {
                    types.push(ty?.params().to_vec());
                }
            }
            Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    if let TypeRef::Func(ty) = import?.ty {
                        funcs.push(ty);
                    }
                }
            }
            Payload::FunctionSection(section) => {
                for ty in section {
                    funcs.push(ty?);
                }
            }
            Payload::ExportSection(section) => {
                for export in section {
                    let export = export?;
                    if export.kind == wasmparser::ExternalKind::Func {
                        let params = &types[funcs[export.index as usize] as usize];
                        let args = params.iter().map(|ty| arg(&mut rng, *ty)).collect();
                        calls.push(Call {
                            export: export.name.to_string(),
                            args,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    Ok(Plan { calls })
}

/// Whether `wasm` exports its memory, if it has one: what `--diff` compares of it.
pub fn memory_exported(wasm: &[u8]) -> Result<bool> {
    use wasmparser::{ExternalKind, Payload};
    let (mut memories, mut exported) = (0, false);
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload.context("reading a module")? {
            Payload::MemorySection(section) => memories += section.count(),
            Payload::ExportSection(section) => {
                for export in section {
                    exported |= export?.kind == ExternalKind::Memory;
                }
            }
            _ => {}
        }
    }
    Ok(memories == 0 || exported)
}

fn arg(rng: &mut Rng, ty: wasmparser::ValType) -> Bits {
    use wasmparser::ValType::*;
    let random = rng.next_u64();
    let edge = rng.next_u64().is_multiple_of(2);
    match ty {
        I32 if edge => Bits::I32(rng.pick(&[0, 1, -1, i32::MIN, i32::MAX, 65536])),
        I32 => Bits::I32(random as i32),
        I64 if edge => Bits::I64(rng.pick(&[0, 1, -1, i64::MIN, i64::MAX, 1 << 32])),
        I64 => Bits::I64(random as i64),
        F32 if edge => Bits::F32(
            rng.pick(&[0.0f32, -0.0, 1.0, f32::INFINITY, f32::NAN])
                .to_bits(),
        ),
        F32 => Bits::F32(random as u32),
        F64 if edge => Bits::F64(
            rng.pick(&[0.0f64, -0.0, 1.0, f64::INFINITY, f64::NAN])
                .to_bits(),
        ),
        F64 => Bits::F64(random),
        // Not generated: the configuration has no SIMD and no reference types.
        _ => Bits::I32(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_valid_module_and_calls_every_time() {
        let wasm = module(7).unwrap();
        assert_eq!(wasm, module(7).unwrap());
        wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::WASM1)
            .validate_all(&wasm)
            .expect("WebAssembly 1.0");
        // A call of each exported function, in the order of the exports.
        let plan = plan(&wasm, 7).unwrap();
        let mut exported = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&wasm) {
            if let wasmparser::Payload::ExportSection(section) = payload.unwrap() {
                for export in section {
                    let export = export.unwrap();
                    if export.kind == wasmparser::ExternalKind::Func {
                        exported.push(export.name.to_string());
                    }
                }
            }
        }
        let called: Vec<String> = plan.calls.iter().map(|call| call.export.clone()).collect();
        assert_eq!(called, exported);
        assert!(!called.is_empty(), "seed 7 makes a module with functions");
        assert_eq!(plan, super::plan(&wasm, 7).unwrap());
    }
}
