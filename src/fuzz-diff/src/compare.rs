//! Two engines' observations of the same calls: the same, a difference the spec allows, or a
//! disagreement.
use host_core::diff::{Ended, Observations, Observed};
use host_core::guest::TrapKind;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The same values, traps, memory and globals, call after call.
    Agree,
    /// A difference the spec leaves to each implementation: which one (`OPEN`'s key).
    Open(String),
    /// A disagreement: its class (what shrinking keeps) and what it was.
    Differ { class: String, what: String },
}

// ANCHOR: open
/// What the spec leaves open, as a key and a reason in each language.
pub const OPEN: &[(&str, &str, &str)] = &[(
    "stack depth",
    "one engine exhausted its stack where the other did not: how deep a guest may call is each implementation's own limit",
    "ゲストがどこまで深く呼び出せるかは実装ごとの上限なので、一方のエンジンだけでスタックが尽きても誤りではありません",
)];
// ANCHOR_END: open

/// `lucet` against `wasmtime`: the first place they part, if any.
pub fn compare(lucet: &Observations, wasmtime: &Observations) -> Verdict {
    if !alike(&lucet.instantiation, &wasmtime.instantiation) {
        return ended(
            "instantiation",
            &lucet.instantiation,
            &wasmtime.instantiation,
        );
    }
    for (l, w) in lucet.calls.iter().zip(&wasmtime.calls) {
        if !alike(&l.ended, &w.ended) {
            return ended(&l.export, &l.ended, &w.ended);
        }
        if let Some(verdict) = state(l, w) {
            return verdict;
        }
    }
    // The same calls ended alike, so the lists end together; a length apart would be a bug here.
    match lucet.calls.len() == wasmtime.calls.len() {
        true => Verdict::Agree,
        false => differ(
            "calls",
            "the two made different numbers of calls".to_string(),
        ),
    }
}

/// Whether two calls, or two instantiations, ended alike: a failure that was no trap is compared
/// only as a failure, its words being each engine's own.
fn alike(lucet: &Ended, wasmtime: &Ended) -> bool {
    match (lucet, wasmtime) {
        (Ended::Failed(_), Ended::Failed(_)) => true,
        (lucet, wasmtime) => lucet == wasmtime,
    }
}

fn ended(at: &str, lucet: &Ended, wasmtime: &Ended) -> Verdict {
    let stack = Ended::Trapped(TrapKind::StackOverflow);
    if *lucet == stack || *wasmtime == stack {
        return Verdict::Open(OPEN[0].0.to_string());
    }
    let kind = |ended: &Ended| match ended {
        Ended::Returned(_) => "returned".to_string(),
        Ended::Trapped(kind) => format!("trapped ({})", kind),
        Ended::Failed(_) => "failed".to_string(),
    };
    let class = match (kind(lucet), kind(wasmtime)) {
        (l, w) if l == w => format!("{}, other values", l),
        (l, w) => format!("Lucet {}, Wasmtime {}", l, w),
    };
    differ(
        &class,
        format!("{}: Lucet {:?}, Wasmtime {:?}", at, lucet, wasmtime),
    )
}

fn state(lucet: &Observed, wasmtime: &Observed) -> Option<Verdict> {
    let (l, w) = (lucet.state.as_ref()?, wasmtime.state.as_ref()?);
    let after = &lucet.export;
    apart("memory", after, &l.memory, &w.memory)
        .or_else(|| apart("globals", after, &l.globals, &w.globals))
}

/// `what` of the two instances after the call `after`, if it differs: a class of its own.
fn apart<T: PartialEq + std::fmt::Debug>(
    what: &str,
    after: &str,
    lucet: &T,
    wasmtime: &T,
) -> Option<Verdict> {
    (lucet != wasmtime).then(|| {
        let told = format!(
            "{} after {}: Lucet {:?}, Wasmtime {:?}",
            what, after, lucet, wasmtime
        );
        differ(what, told)
    })
}

fn differ(class: &str, what: String) -> Verdict {
    Verdict::Differ {
        class: class.to_string(),
        what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use host_core::diff::{Bits, State};

    fn observed(calls: &[(Ended, Option<State>)]) -> Observations {
        Observations {
            instantiation: Ended::Returned(vec![]),
            calls: calls
                .iter()
                .map(|(ended, state)| Observed {
                    export: "f".into(),
                    ended: ended.clone(),
                    state: state.clone(),
                })
                .collect(),
        }
    }

    fn state(memory: &str) -> Option<State> {
        Some(State {
            memory: Some((65536, memory.into())),
            globals: vec![("g".into(), Bits::I32(1))],
        })
    }

    #[test]
    fn the_same_observations_agree() {
        let one = observed(&[(Ended::Returned(vec![Bits::I32(8)]), state("ab"))]);
        assert_eq!(compare(&one, &one.clone()), Verdict::Agree);
        // Two failures that are no trap are alike, whatever each engine's words.
        let failed = |words: &str| Observations {
            instantiation: Ended::Failed(words.into()),
            calls: vec![],
        };
        assert_eq!(compare(&failed("a.so"), &failed("a.cwasm")), Verdict::Agree);
    }

    #[test]
    fn values_traps_and_memory_that_differ_are_disagreements_by_class() {
        let returned = |v| (Ended::Returned(vec![Bits::I32(v)]), state("ab"));
        let trapped = |kind| (Ended::Trapped(kind), None);
        let class = |l: Observations, w: Observations| match compare(&l, &w) {
            Verdict::Differ { class, .. } => class,
            other => panic!("{:?}", other),
        };
        assert_eq!(
            class(observed(&[returned(1)]), observed(&[returned(2)])),
            "returned, other values"
        );
        assert_eq!(
            class(
                observed(&[trapped(TrapKind::Unreachable)]),
                observed(&[returned(2)])
            ),
            "Lucet trapped (unreachable), Wasmtime returned"
        );
        let other_memory = (Ended::Returned(vec![Bits::I32(1)]), state("cd"));
        assert_eq!(
            class(observed(&[returned(1)]), observed(&[other_memory])),
            "memory"
        );
    }

    #[test]
    fn a_stack_exhausted_on_one_side_only_is_left_open() {
        let l = observed(&[(Ended::Trapped(TrapKind::StackOverflow), None)]);
        let w = observed(&[(Ended::Trapped(TrapKind::Unreachable), None)]);
        assert_eq!(compare(&l, &w), Verdict::Open("stack depth".into()));
    }
}
