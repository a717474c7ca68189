//! `[api.uploads]`: where uploaded clips and their job queue live, and how large a clip may be.

use std::path::PathBuf;

use serde::Deserialize;

/// Clip uploads. Without `dir`, `POST /v1/clips` answers 503 and no job worker runs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadsConfig {
    /// Where uploaded clips and the job queue (`jobs.db`, SQLite) are kept; created if missing.
    /// The queue is this node's: the clips it lists are on this node's disk.
    #[serde(default)]
    pub dir: Option<PathBuf>,
    /// Largest clip, bytes. The body is held in memory while it is checked and saved.
    #[serde(default = "default_max_clip_bytes")]
    pub max_clip_bytes: usize,
    /// Longest a job may take to play through before it fails, seconds.
    #[serde(default = "default_job_timeout")]
    pub job_timeout_secs: u64,
}

const fn default_max_clip_bytes() -> usize {
    64 << 20
}

const fn default_job_timeout() -> u64 {
    600
}

impl Default for UploadsConfig {
    fn default() -> Self {
        Self { dir: None, max_clip_bytes: default_max_clip_bytes(), job_timeout_secs: default_job_timeout() }
    }
}

impl UploadsConfig {
    /// Every problem, each as `field: message`. Pure.
    pub fn validate(&self) -> Vec<String> {
        let mut p = Vec::new();
        if !(1024..=1 << 30).contains(&self.max_clip_bytes) {
            p.push(format!("max_clip_bytes: must be in 1024..=1073741824, got {}", self.max_clip_bytes));
        }
        if !(1..=86_400).contains(&self.job_timeout_secs) {
            p.push(format!("job_timeout_secs: must be in 1..=86400, got {}", self.job_timeout_secs));
        }
        if self.dir.as_ref().is_some_and(|d| d.as_os_str().is_empty()) {
            p.push("dir: must not be empty".into());
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        let c: UploadsConfig = toml::from_str("dir = \"/tmp/up\"").unwrap();
        assert_eq!((c.max_clip_bytes, c.validate()), (64 << 20, Vec::<String>::new()));
        let bad: UploadsConfig = toml::from_str("max_clip_bytes = 10\njob_timeout_secs = 0\ndir = \"\"").unwrap();
        assert_eq!(bad.validate().len(), 3);
        assert!(toml::from_str::<UploadsConfig>("size = 1").is_err());
    }
}
