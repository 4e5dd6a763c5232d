//! Every operation of the API through one door: `Client.call(operation, args)` turns the
//! keyword arguments into the core's arguments and its answer into Python data; the generated
//! modules of `leat.resources` call it and wrap what comes back in their models. Argument
//! checks, sending, retries, decoding and pages are the core's.

use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDate, PyDateTime, PyDict, PyList, PyString, PyTuple};
use pyo3::IntoPyObjectExt;
use serde_json::{Map, Value};

use leat::{Args, Dynamic, PageInfo, RawResponse, Response};

use crate::json;

/// The operation with this id, or `ValueError`.
pub(crate) fn operation(id: &str) -> PyResult<&'static leat::operation::Operation> {
    leat::operation::operation(id).ok_or_else(|| {
        PyValueError::new_err(format!(
            "{id:?} is not an operation of Leat's API; `leat operations` lists them"
        ))
    })
}

/// Keyword arguments as the core takes them: JSON values by wire name, `datetime` and `date`
/// as ISO 8601 text. `None` stays `null`, which the core reads as "not given".
pub(crate) fn args(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Args> {
    let mut args = Map::new();
    let Some(kwargs) = kwargs else {
        return Ok(args);
    };
    for (key, value) in kwargs.iter() {
        let key: String = key.extract()?;
        args.insert(key, value_of(&value)?);
    }
    Ok(args)
}

/// One argument as JSON: what `json::from_py` takes, plus dates and date-times anywhere.
fn value_of(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    if let Ok(at) = value.cast::<PyDateTime>() {
        // `isoformat()` keeps the offset of an aware value; a naive one is sent as it is.
        return Ok(Value::String(at.call_method0("isoformat")?.extract()?));
    }
    if let Ok(day) = value.cast::<PyDate>() {
        return Ok(Value::String(day.call_method0("isoformat")?.extract()?));
    }
    if let Ok(list) = value.cast::<PyList>() {
        return list
            .iter()
            .map(|item| value_of(&item))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(tuple) = value.cast::<PyTuple>() {
        return tuple
            .iter()
            .map(|item| value_of(&item))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut map = Map::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let key = key.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "the keys of a dict argument must be str, got {}",
                    key.get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                ))
            })?;
            map.insert(key.to_cow()?.into_owned(), value_of(&item)?);
        }
        return Ok(Value::Object(map));
    }
    json::from_py(value).map_err(|err| {
        if err.is_instance_of::<PyOverflowError>(value.py()) {
            PyOverflowError::new_err("an integer argument is too large to send")
        } else {
            err
        }
    })
}

/// What a call answers, ready to become Python data on the caller's thread.
pub(crate) struct Answer {
    data: Value,
    page: Option<PageInfo>,
    raw: Option<RawResponse>,
}

impl Answer {
    /// The answer's data (and page, for a paged list).
    pub(crate) fn plain(dynamic: Dynamic) -> Self {
        Answer {
            data: dynamic.data,
            page: dynamic.page,
            raw: None,
        }
    }

    /// The answer with the HTTP answer it came in.
    pub(crate) fn raw(response: Response<Dynamic>) -> Self {
        Answer {
            data: response.data.data,
            page: response.data.page,
            raw: Some(response.raw),
        }
    }
}

fn page_dict<'py>(py: Python<'py>, page: &PageInfo) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("page", page.page)?;
    dict.set_item("last_page", page.last_page)?;
    dict.set_item("per_page", page.per_page)?;
    dict.set_item("total", page.total)?;
    dict.set_item("next_page", page.next_page)?;
    Ok(dict)
}

impl<'py> IntoPyObject<'py> for Answer {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    /// `data`; `(data, page)` for a paged list; `(data, page or None, status, headers, body)`
    /// for a raw call.
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let data = json::to_py(py, &self.data)?;
        let page = self.page.as_ref().map(|p| page_dict(py, p)).transpose()?;
        match (self.raw, page) {
            (None, None) => Ok(data),
            (None, Some(page)) => (data, page).into_bound_py_any(py),
            (Some(raw), page) => {
                let headers = PyList::empty(py);
                for (name, value) in raw.headers() {
                    headers.append((name, value))?;
                }
                let body = PyBytes::new(py, raw.body());
                (data, page, raw.status(), headers, body).into_bound_py_any(py)
            }
        }
    }
}
