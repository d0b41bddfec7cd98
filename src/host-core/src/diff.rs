//! `--diff PLAN`: the same calls made on one instance by each engine's host, and what each came
//! to, observed for `make fuzz-diff` to compare — the values returned (as bits: NaN payloads
//! included), the trap (as a `Trap`'s kind, not the engine's words), and after each call that
//! returned, the memory (its size and a digest) and the exported globals. After the first call
//! that does not return, no more are made: the spec says nothing of an instance after a trap.
use crate::guest::{Guest, Trap, TrapKind};
use crate::value::Value;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The heap limit under `--diff` unless told otherwise: all a 32-bit memory can hold, so that a
/// `memory.grow` fails only past the module's own maximum, as the spec has it.
pub const HEAP_LIMIT: usize = 4 << 30;

/// The calls to make, in turn, on one instance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub calls: Vec<Call>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Call {
    pub export: String,
    pub args: Vec<Bits>,
}

/// A value by its bits, so that JSON carries every float (NaN too) and floats compare exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bits {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
}

/// What the instance and the plan's calls came to, on one engine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observations {
    /// How making the instance ended: `Returned(vec![])` if it was made (its start function, if
    /// any, returned).
    pub instantiation: Ended,
    /// The calls made, up to the first that did not return.
    pub calls: Vec<Observed>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observed {
    pub export: String,
    pub ended: Ended,
    /// The instance after the call, if it returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ended {
    Returned(Vec<Bits>),
    /// A trap, by its kind.
    Trapped(TrapKind),
    /// Any other error, in the engine's words: nothing to compare but that it failed.
    Failed(String),
}

/// An instance as it is between calls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The size of its memory, in bytes, and its FNV-1a digest (none without a memory, or of none).
    pub memory: Option<(usize, String)>,
    /// Its exported globals by name, in name order.
    pub globals: Vec<(String, Bits)>,
}

impl Plan {
    pub fn read(path: &Path) -> Result<Plan> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the plan {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| {
            format!(
                "reading the plan {}: it is to be JSON, {{\"calls\": [{{\"export\": \"f\", \"args\": [{{\"i32\": 5}}]}}]}}",
                path.display()
            )
        })
    }
}

// ANCHOR: observe
/// Makes `plan`'s calls on the guest `instance` gave (or says how making it ended).
pub fn observe<G: Guest>(instance: Result<G>, plan: &Plan) -> Observations {
    let mut guest = match instance {
        Ok(guest) => guest,
        Err(error) => {
            return Observations {
                instantiation: ended(&error),
                calls: vec![],
            }
        }
    };
    let mut calls = Vec::new();
    for call in &plan.calls {
        let args: Vec<Value> = call.args.iter().map(|bits| bits.value()).collect();
        let (ended, state) = match guest.call(&call.export, &args) {
            Ok(values) => match (values.iter().map(Bits::of).collect(), state(&mut guest)) {
                (Ok(values), Ok(state)) => (Ended::Returned(values), Some(state)),
                (Err(error), _) | (_, Err(error)) => (Ended::Failed(format!("{:#}", error)), None),
            },
            Err(error) => (ended(&error), None),
        };
        let returned = state.is_some();
        calls.push(Observed {
            export: call.export.clone(),
            ended,
            state,
        });
        if !returned {
            break;
        }
    }
    Observations {
        instantiation: Ended::Returned(vec![]),
        calls,
    }
}

fn ended(error: &anyhow::Error) -> Ended {
    match error.downcast_ref::<Trap>() {
        Some(trap) => Ended::Trapped(trap.kind()),
        None => Ended::Failed(format!("{:#}", error)),
    }
}
// ANCHOR_END: observe

/// The instance now: an error if the host cannot read its globals (a component's host).
fn state(guest: &mut impl Guest) -> Result<State> {
    // No memory, and one of no pages, look alike: Lucet gives every instance a heap.
    let memory = guest
        .memory()
        .ok()
        .filter(|memory| !memory.is_empty())
        .map(|memory| (memory.len(), format!("{:016x}", fnv1a(memory))));
    let mut globals: Vec<(String, Bits)> = guest
        .globals()?
        .iter()
        .map(|(name, value)| Ok((name.clone(), Bits::of(value)?)))
        .collect::<Result<_>>()?;
    globals.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(State { memory, globals })
}

/// FNV-1a, 64 bits: the same digest from both hosts' builds (std's hasher is not promised to be).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Bits {
    /// A number's bits; a string has none (a component's: `--diff` compares core modules).
    pub fn of(value: &Value) -> Result<Bits> {
        Ok(match *value {
            Value::I32(v) => Bits::I32(v),
            Value::I64(v) => Bits::I64(v),
            Value::F32(v) => Bits::F32(v.to_bits()),
            Value::F64(v) => Bits::F64(v.to_bits()),
            Value::String(_) => return Err(crate::value::string_for_core_module()),
        })
    }

    pub fn value(self) -> Value {
        match self {
            Bits::I32(v) => Value::I32(v),
            Bits::I64(v) => Value::I64(v),
            Bits::F32(v) => Value::F32(f32::from_bits(v)),
            Bits::F64(v) => Value::F64(f64::from_bits(v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guest::TrapKind;
    use anyhow::{anyhow, bail};

    /// A guest whose `f` returns its argument and writes it to memory, and whose `g` divides by zero.
    struct Echo {
        memory: Vec<u8>,
    }

    impl Guest for Echo {
        fn call(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>> {
            match name {
                "f" => {
                    self.memory[0] = 1;
                    Ok(args.to_vec())
                }
                "g" => Err(anyhow!("engine's words").context(Trap::DivideByZero)),
                _ => bail!("no export {}", name),
            }
        }
        fn memory(&mut self) -> Result<&mut [u8]> {
            Ok(&mut self.memory)
        }
        fn globals(&mut self) -> Result<Vec<(String, Value)>> {
            Ok(vec![
                ("z".into(), Value::F32(f32::NAN)),
                ("a".into(), Value::I64(-1)),
            ])
        }
        fn fresh_instance(&mut self) -> Result<()> {
            Ok(())
        }
    }

    fn plan(exports: &[&str]) -> Plan {
        let call = |export: &&str| Call {
            export: export.to_string(),
            args: vec![Bits::F64(f64::NAN.to_bits() | 1)],
        };
        Plan {
            calls: exports.iter().map(call).collect(),
        }
    }

    #[test]
    fn calls_stop_at_the_first_that_does_not_return_and_traps_are_kinds() {
        let guest = Echo { memory: vec![0; 4] };
        let observed = observe(Ok(guest), &plan(&["f", "g", "f"]));
        assert_eq!(observed.calls.len(), 2);
        let first = &observed.calls[0];
        // The NaN's payload comes back as it went in.
        assert_eq!(
            first.ended,
            Ended::Returned(vec![Bits::F64(f64::NAN.to_bits() | 1)])
        );
        let state = first.state.as_ref().unwrap();
        assert_eq!(
            state.memory,
            Some((4, format!("{:016x}", fnv1a(&[1, 0, 0, 0]))))
        );
        assert_eq!(state.globals[0], ("a".to_string(), Bits::I64(-1)));
        assert_eq!(
            observed.calls[1].ended,
            Ended::Trapped(TrapKind::DivideByZero)
        );
        assert_eq!(observed.calls[1].state, None);
        assert_eq!(TrapKind::DivideByZero.to_string(), "divide by zero");
        let line = serde_json::to_string(&observed).unwrap();
        assert_eq!(
            serde_json::from_str::<Observations>(&line).unwrap(),
            observed
        );
    }

    #[test]
    fn an_instance_not_made_is_observed_as_such() {
        let observed = observe::<Echo>(Err(anyhow!("no room")), &plan(&["f"]));
        assert_eq!(observed.instantiation, Ended::Failed("no room".into()));
        assert!(observed.calls.is_empty());
    }

    #[test]
    fn the_digest_is_fnv1a() {
        // The published test vectors of FNV-1a, 64 bits.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
