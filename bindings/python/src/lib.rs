//! `leat._native`: the Python extension module of `leat-sdk`. It converts arguments and
//! results and maps errors; every behaviour lives in the `leat` crate.

mod cli;
mod client;
mod contract;
mod errors;
mod hot_path;
mod json;
mod logging;
mod mock;
mod operations;
mod test_hooks;
mod webhooks;

pub(crate) use hot_path::{blocking, calls, runtime};

use pyo3::prelude::*;

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    logging::install(module.py());
    module.add_class::<client::Client>()?;
    module.add_class::<client::AsyncClient>()?;
    module.add_class::<mock::MockServer>()?;
    module.add_function(wrap_pyfunction!(webhooks::construct_event, module)?)?;
    module.add_function(wrap_pyfunction!(webhooks::verify_signature, module)?)?;
    module.add_function(wrap_pyfunction!(webhooks::sign, module)?)?;
    module.add_function(wrap_pyfunction!(webhooks::event_entity, module)?)?;
    module.add_function(wrap_pyfunction!(webhooks::webhook_fetch, module)?)?;
    module.add_class::<webhooks::Receiver>()?;
    module.add("DEFAULT_BODY_LIMIT", leat::webhooks::DEFAULT_BODY_LIMIT)?;
    module.add_function(wrap_pyfunction!(webhooks::parse_secrets, module)?)?;
    module.add_function(wrap_pyfunction!(cli::run_cli, module)?)?;
    module.add_class::<calls::Calls>()?;
    module.add_class::<calls::Start>()?;
    module.add_function(wrap_pyfunction!(contract::contract, module)?)?;
    module.add_function(wrap_pyfunction!(contract::operations, module)?)?;
    module.add_function(wrap_pyfunction!(contract::parse_datetime, module)?)?;
    module.add_function(wrap_pyfunction!(test_hooks::_provoke_panic, module)?)?;
    module.add_function(wrap_pyfunction!(test_hooks::_provoke_async_panic, module)?)?;
    module.add_function(wrap_pyfunction!(runtime::_shutdown, module)?)?;
    module.add_function(wrap_pyfunction!(runtime::_forked, module)?)?;
    module.add_function(wrap_pyfunction!(runtime::generation, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
