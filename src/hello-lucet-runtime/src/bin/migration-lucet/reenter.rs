//! Calling back into the guest: a Lucet hostcall finds a function of the guest by its index in the
//! guest's function table (`Vmctx::get_func_from_idx`) and calls its code directly, with the
//! instance's `vmctx`. The runtime checks neither the function's type nor the call; this hostcall
//! checks the type against the module's own record of it first.
use anyhow::Result;
use hello_lucet_runtime::lucet;
use lucet_module::{Signature, ValueType};
use lucet_runtime::vmctx::{lucet_vmctx, Vmctx};
use lucet_runtime::{lucet_hostcall, lucet_hostcall_terminate, Val};
use lucet_runtime_internals::instance::InstanceInternal;
use lucet_runtime_internals::vmctx::VmctxInternal;
use lucet_wasi::WasiCtxBuilder;

// ANCHOR: call_back
/// `hello_host.call_back(callback, n)`, which the callback guest calls: calls the guest's function
/// `callback` (an index into its function table) with `n`, and returns what it returned.
#[lucet_hostcall]
#[no_mangle]
pub fn hostcall_call_back(vmctx: &Vmctx, callback: u32, n: i32) -> i32 {
    let func = vmctx
        .get_func_from_idx(0, callback)
        .unwrap_or_else(|error| {
            lucet_hostcall_terminate!(format!(
                "call_back: no function at {}: {:?}",
                callback, error
            ))
        });
    // What lucetc recorded of the function's type, checked: Lucet itself would call any code.
    let expected = Signature {
        params: vec![ValueType::I32],
        ret_ty: Some(ValueType::I32),
    };
    if vmctx.instance().module().get_signature(func.id) != &expected {
        lucet_hostcall_terminate!(format!(
            "call_back: function {} is not (i32) -> i32",
            callback
        ));
    }
    // SAFETY: the function at `func.ptr` is guest code that lucetc compiled from a wasm function
    // of type (i32) -> i32, checked above, to a function that takes the instance's `vmctx` first
    // (as `Vmctx::get_func_from_idx`'s own example calls one); it runs in this instance, whose
    // `vmctx` this is.
    let callback = unsafe {
        std::mem::transmute::<usize, extern "C" fn(*const lucet_vmctx, i32) -> i32>(
            func.ptr.as_usize(),
        )
    };
    callback(vmctx.as_raw(), n)
}
// ANCHOR_END: call_back

pub fn run(module: &str, export: &str, n: i32) -> Result<()> {
    let mut instance = super::instance(module, &super::limits())?;
    // WASI, for `reenter_loudly`'s callback, which prints.
    instance.insert_embed_ctx(WasiCtxBuilder::new().inherit_stdio().build()?);
    let returned = instance
        .run(export, &[Val::I32(n)])
        .and_then(|run| run.returned());
    println!("{} returned {}", export, returned.map_err(lucet)?.as_i32());
    Ok(())
}
