//! The values and function types the hosts speak of, whichever engine runs the guest: what the
//! command line parses arguments into, what `--list` prints, what a guest call returns. A core
//! module's functions take and return numbers; a component's take strings too, which cross by the
//! canonical ABI.
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValType {
    I32,
    I64,
    F32,
    F64,
    /// A component's `string`.
    String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    I32(i32),
    I64(i64),
    F32(f32),
    F64(f64),
    String(String),
}

/// The error of a core module's host given a string: a core function takes numbers only.
pub fn string_for_core_module() -> anyhow::Error {
    anyhow::anyhow!(
        "a core module's functions take numbers only: pass a string with --strings (guests/strings' ABI through the guest's memory), or to a component"
    )
}

/// A function's parameter and result types, written as `(i32, i32) -> i32`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncType {
    pub params: Vec<ValType>,
    pub results: Vec<ValType>,
}

/// An exported function: its name and type.
pub struct Export {
    pub name: String,
    pub ty: FuncType,
}

impl fmt::Display for ValType {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            ValType::I32 => "i32",
            ValType::I64 => "i64",
            ValType::F32 => "f32",
            ValType::F64 => "f64",
            ValType::String => "string",
        })
    }
}

impl fmt::Display for FuncType {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let list = |types: &[ValType]| {
            let names: Vec<String> = types.iter().map(ValType::to_string).collect();
            names.join(", ")
        };
        write!(f, "({})", list(&self.params))?;
        match self.results.len() {
            0 => Ok(()),
            1 => write!(f, " -> {}", self.results[0]),
            _ => write!(f, " -> ({})", list(&self.results)),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Value::I32(v) => v.fmt(f),
            Value::I64(v) => v.fmt(f),
            Value::F32(v) => v.fmt(f),
            Value::F64(v) => v.fmt(f),
            // Quoted, with escapes, as `--strings` prints what it returns.
            Value::String(v) => write!(f, "{:?}", v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_types_read_as_in_the_docs() {
        let ty = |params: Vec<ValType>, results: Vec<ValType>| FuncType { params, results };
        use ValType::*;
        assert_eq!(
            ty(vec![I32, I32], vec![I32]).to_string(),
            "(i32, i32) -> i32"
        );
        assert_eq!(ty(vec![], vec![]).to_string(), "()");
        assert_eq!(
            ty(vec![F32], vec![I64, F64]).to_string(),
            "(f32) -> (i64, f64)"
        );
        assert_eq!(Value::F64(2.5).to_string(), "2.5");
        assert_eq!(
            ty(vec![String], vec![String]).to_string(),
            "(string) -> string"
        );
        assert_eq!(Value::String("ワ\"".into()).to_string(), "\"ワ\\\"\"");
    }
}
