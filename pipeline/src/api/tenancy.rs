//! Which devices each fleet tenant owns. Every lookup of a device-scoped object goes through
//! here, and an object of another tenant is answered exactly like a missing one (404).

use std::collections::{BTreeSet, HashMap};

use super::auth::Caller;
use super::config::TenantConfig;
use super::error::ApiError;

/// Tenants and their devices.
#[derive(Debug, Default)]
pub struct Tenants {
    devices: HashMap<String, BTreeSet<String>>,
}

impl Tenants {
    /// From `[[api.tenants]]` (validated: ids and device ownership are unique).
    pub fn new(config: &[TenantConfig]) -> Self {
        Self { devices: config.iter().map(|t| (t.id.clone(), t.devices.iter().cloned().collect())).collect() }
    }

    /// The caller's devices, sorted.
    pub fn devices_of(&self, caller: &Caller) -> Vec<String> {
        self.devices.get(&caller.tenant).map(|d| d.iter().cloned().collect()).unwrap_or_default()
    }

    /// Whether `device` is the caller's.
    pub fn owns(&self, caller: &Caller, device: &str) -> bool {
        self.devices.get(&caller.tenant).is_some_and(|d| d.contains(device))
    }

    /// `Ok` if `device` is the caller's, else the 404 a missing device gets.
    pub fn check(&self, caller: &Caller, device: &str) -> Result<(), ApiError> {
        if self.owns(caller, device) { Ok(()) } else { Err(ApiError::not_found(format!("device `{device}`"))) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::config::Role;

    #[test]
    fn ownership() {
        let t = Tenants::new(&[
            TenantConfig { id: "a".into(), devices: vec!["bus-2".into(), "bus-1".into()] },
            TenantConfig { id: "b".into(), devices: vec!["bus-3".into()] },
        ]);
        let caller = Caller { subject: "x".into(), tenant: "a".into(), role: Role::Admin, machine: false };
        assert_eq!(t.devices_of(&caller), ["bus-1", "bus-2"]);
        assert!(t.owns(&caller, "bus-1") && !t.owns(&caller, "bus-3"));
        let foreign = t.check(&caller, "bus-3").unwrap_err();
        assert_eq!((foreign.status(), t.check(&caller, "nope").unwrap_err().status()), (axum::http::StatusCode::NOT_FOUND, axum::http::StatusCode::NOT_FOUND));
    }
}
