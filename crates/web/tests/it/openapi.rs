//! Checks an API answer against the schema the OpenAPI document gives for
//! it: the subset of JSON Schema that utoipa writes (`$ref`, `allOf`,
//! `oneOf`, `type`, `enum`, `properties`, `required`, `items`,
//! `additionalProperties`, the `date` and `date-time` formats). Stricter
//! than JSON Schema in one way: an object may hold only the properties its
//! schema declares, so a field the document does not describe fails.

use std::collections::BTreeSet;

use serde_json::Value;

pub struct Doc<'a> {
    pub doc: &'a Value,
}

impl Doc<'_> {
    /// The schema of `method path`'s answer with `status`, if it has a body.
    pub fn response_schema(&self, method: &str, path: &str, status: u16) -> Option<&Value> {
        let r = &self.doc["paths"][path][method]["responses"][status.to_string()];
        assert!(
            !r.is_null(),
            "{method} {path} answered {status}, which the document does not list"
        );
        // JSON, or another type the route names (the organisation's CSV).
        let schema = r["content"]
            .as_object()
            .and_then(|c| c.get("application/json").or_else(|| c.values().next()))
            .map(|c| &c["schema"])?;
        (!schema.is_null()).then_some(schema)
    }

    /// The documented route a concrete path is an instance of.
    pub fn route(&self, method: &str, path: &str) -> String {
        let path = path.split('?').next().unwrap_or(path);
        let concrete: Vec<&str> = path.split('/').collect();
        let paths = self.doc["paths"].as_object().expect("paths");
        paths
            .iter()
            .filter(|(_, item)| !item[method].is_null())
            .map(|(p, _)| p)
            .find(|p| {
                let parts: Vec<&str> = p.split('/').collect();
                parts.len() == concrete.len()
                    && parts
                        .iter()
                        .zip(&concrete)
                        .all(|(a, b)| a == b || a.starts_with('{'))
            })
            .unwrap_or_else(|| panic!("{method} {path}: no such route in the document"))
            .clone()
    }

    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        match schema["$ref"].as_str() {
            Some(r) => {
                let name = r
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_else(|| panic!("unexpected $ref {r}"));
                let target = &self.doc["components"]["schemas"][name];
                assert!(!target.is_null(), "$ref to a missing schema {name}");
                self.resolve(target)
            }
            None => schema,
        }
    }

    /// Problems with `value` against `schema`, each with where it is.
    pub fn check(&self, value: &Value, schema: &Value, at: &str) -> Vec<String> {
        let mut problems = Vec::new();
        self.walk(value, schema, at, true, &mut problems);
        problems
    }

    fn walk(&self, value: &Value, schema: &Value, at: &str, strict: bool, out: &mut Vec<String>) {
        let schema = self.resolve(schema);
        if let Some(parts) = schema["allOf"].as_array() {
            for p in parts {
                self.walk(value, p, at, false, out);
            }
            if strict {
                if let Some(obj) = value.as_object() {
                    let mut declared = BTreeSet::new();
                    for p in parts {
                        declared.extend(self.declared(value, p));
                    }
                    declared.extend(self.declared(value, schema));
                    for k in obj.keys() {
                        if !declared.contains(k) {
                            out.push(format!("{at}.{k}: not in the schema"));
                        }
                    }
                }
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(branches) = schema[key].as_array() {
                let fits = branches
                    .iter()
                    .any(|b| self.check_branch(value, b, at, strict));
                if !fits {
                    out.push(format!("{at}: matches none of its {key} schemas: {value}"));
                }
            }
        }
        if let Some(allowed) = schema["enum"].as_array() {
            if !allowed.contains(value) {
                out.push(format!("{at}: {value} is not one of {allowed:?}"));
            }
        }
        let types: Vec<&str> = match &schema["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !types.is_empty() && !types.iter().any(|t| is_type(value, t)) {
            out.push(format!("{at}: {value} is not of type {types:?}"));
            return;
        }
        if let (Some(s), Some(format)) = (value.as_str(), schema["format"].as_str()) {
            let ok = match format {
                "date" => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
                "date-time" => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
                _ => true,
            };
            if !ok {
                out.push(format!("{at}: {s:?} is not a {format}"));
            }
        }
        if let Some(items) = value.as_array() {
            if !schema["items"].is_null() {
                for (i, v) in items.iter().enumerate() {
                    self.walk(v, &schema["items"], &format!("{at}[{i}]"), true, out);
                }
            }
        }
        if let Some(obj) = value.as_object() {
            let props = schema["properties"].as_object();
            for r in schema["required"].as_array().into_iter().flatten() {
                let r = r.as_str().unwrap_or_default();
                if !obj.contains_key(r) {
                    out.push(format!("{at}: required {r} is missing"));
                }
            }
            for (k, v) in obj {
                match props.and_then(|p| p.get(k)) {
                    Some(s) => self.walk(v, s, &format!("{at}.{k}"), true, out),
                    None => match &schema["additionalProperties"] {
                        Value::Object(_) => {
                            self.walk(
                                v,
                                &schema["additionalProperties"],
                                &format!("{at}.{k}"),
                                true,
                                out,
                            );
                        }
                        Value::Bool(true) => {}
                        _ => {
                            // Under allOf, the parts together declare the keys.
                            if strict && schema["allOf"].is_null() && schema_is_object(schema) {
                                out.push(format!("{at}.{k}: not in the schema"));
                            }
                        }
                    },
                }
            }
        }
    }

    fn check_branch(&self, value: &Value, branch: &Value, at: &str, strict: bool) -> bool {
        let mut problems = Vec::new();
        self.walk(value, branch, at, strict, &mut problems);
        problems.is_empty()
    }

    /// The property names `schema` declares for `value` (through `allOf`,
    /// and the `oneOf` branch `value` fits).
    fn declared(&self, value: &Value, schema: &Value) -> BTreeSet<String> {
        let schema = self.resolve(schema);
        let mut out: BTreeSet<String> = schema["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        for p in schema["allOf"].as_array().into_iter().flatten() {
            out.extend(self.declared(value, p));
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(b) = schema[key]
                .as_array()
                .into_iter()
                .flatten()
                .find(|b| self.check_branch(value, b, "", false))
            {
                out.extend(self.declared(value, b));
            }
        }
        out
    }
}

fn schema_is_object(schema: &Value) -> bool {
    schema["type"] == "object" || !schema["properties"].is_null()
}

fn is_type(v: &Value, t: &str) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => true,
    }
}
