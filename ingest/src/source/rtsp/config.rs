use serde::Deserialize;
use url::Url;

/// An RTSP camera (an MDVR channel).
///
/// ```toml
/// rtsp = { url = "rtsp://10.0.0.5:554/ch1/main", username = "admin", password_env = "CAM_BUS101_PASSWORD" }
/// ```
#[derive(Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RtspSourceConfig {
    /// `rtsp://host[:port]/path`. Credentials go in `username`/`password`, not in the URL.
    pub url: String,
    /// User for digest (or basic) authentication.
    #[serde(default)]
    pub username: Option<String>,
    /// Password for digest (or basic) authentication, written in the config. Never logged.
    #[serde(default)]
    pub password: Option<String>,
    /// The environment variable holding the password (read at start), instead of `password`.
    #[serde(default)]
    pub password_env: Option<String>,
    /// A file holding the password (a mounted secret; one trailing newline is ignored), instead
    /// of `password`.
    #[serde(default)]
    pub password_file: Option<std::path::PathBuf>,
    /// RTP transport.
    #[serde(default)]
    pub transport: RtspTransport,
}

impl std::fmt::Debug for RtspSourceConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RtspSourceConfig")
            .field("url", &self.url)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("password_env", &self.password_env)
            .field("password_file", &self.password_file)
            .field("transport", &self.transport)
            .finish()
    }
}

/// How RTP travels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RtspTransport {
    /// RTP interleaved on the RTSP TCP connection: survives NAT and cellular links, no loss.
    #[default]
    Tcp,
    /// RTP over UDP. retina's UDP support has no reorder buffer, and IDR bursts overflow the
    /// default socket buffer (measured: 30-56 packets lost per IDR on loopback). Only for LANs.
    Udp,
}

/// `text` with the user-info part (`user:password@`) of every URL in it replaced by
/// `<redacted>@`, for messages that quote a URL someone may have put a password in.
pub fn redact_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out += head;
        // The authority ends at the path, query, fragment, or the end of the URL.
        let end = tail.find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace() || matches!(c, '`' | '"' | '\'' | '>')).unwrap_or(tail.len());
        match tail[..end].rfind('@') {
            Some(at) => {
                out += "<redacted>";
                rest = &tail[at..];
            }
            None => rest = tail,
        }
    }
    out + rest
}

impl RtspSourceConfig {
    /// Checks the URL and credentials without I/O. The message names the field (and never
    /// quotes a password put in the URL).
    pub fn validate(&self) -> Result<Url, String> {
        let shown = redact_userinfo(&self.url);
        let url = Url::parse(&self.url).map_err(|e| format!("url: `{shown}` is not a valid URL: {e}"))?;
        if url.scheme() != "rtsp" && url.scheme() != "rtsps" {
            return Err(format!("url: scheme must be rtsp, got `{}`", url.scheme()));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(format!("url: `{shown}` has no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("url: put credentials in `username` and `password`, not in the URL (URLs get logged)".into());
        }
        let given = [self.password.is_some(), self.password_env.is_some(), self.password_file.is_some()].into_iter().filter(|g| *g).count();
        if given > 1 {
            return Err("password: give one of `password`, `password_env` and `password_file`".into());
        }
        if given == 1 && self.username.is_none() {
            return Err("username: required when a password is set".into());
        }
        Ok(url)
    }

    /// The password, read from where the config says (the environment or a file are read
    /// now); the message names the field but never the value.
    pub fn resolve_password(&self) -> Result<Option<String>, String> {
        if let Some(var) = &self.password_env {
            return std::env::var(var).map(Some).map_err(|_| format!("password_env: the environment variable {var} is not set (or not UTF-8)"));
        }
        if let Some(path) = &self.password_file {
            let text = std::fs::read_to_string(path).map_err(|e| format!("password_file: cannot read {}: {e}", path.display()))?;
            return Ok(Some(text.strip_suffix('\n').unwrap_or(&text).to_string()));
        }
        Ok(self.password.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(url: &str) -> RtspSourceConfig {
        RtspSourceConfig { url: url.into(), username: None, password: None, password_env: None, password_file: None, transport: RtspTransport::Tcp }
    }

    #[test]
    fn a_password_comes_from_one_place() {
        let mut c = cfg("rtsp://cam/ch1");
        c.username = Some("admin".into());
        c.password_env = Some("FLEETSIGHT_TEST_RTSP_PASSWORD_UNSET".into());
        assert!(c.validate().is_ok());
        let err = c.resolve_password().unwrap_err();
        assert_eq!(err, "password_env: the environment variable FLEETSIGHT_TEST_RTSP_PASSWORD_UNSET is not set (or not UTF-8)");
        let dir = std::env::temp_dir().join(format!("fleetsight-rtsp-pw-{}", std::process::id()));
        std::fs::write(&dir, "from-a-file\n").unwrap();
        c.password_env = None;
        c.password_file = Some(dir.clone());
        assert_eq!(c.resolve_password().unwrap().as_deref(), Some("from-a-file"));
        c.password = Some("inline".into());
        assert!(c.validate().unwrap_err().starts_with("password: give one of"));
        c.password_file = None;
        c.username = None;
        assert!(c.validate().unwrap_err().starts_with("username: required"));
        let _ = std::fs::remove_file(dir);
    }

    #[test]
    fn validation() {
        assert!(cfg("rtsp://127.0.0.1:8554/cam0").validate().is_ok());
        assert!(cfg("http://x/y").validate().unwrap_err().starts_with("url: scheme"));
        assert!(cfg("not a url").validate().unwrap_err().starts_with("url:"));
        assert!(cfg("rtsp://admin:pw@cam/x").validate().unwrap_err().contains("credentials"));
    }

    #[test]
    fn messages_never_quote_a_password_in_the_url() {
        for bad in ["rtsp://admin:SECRETPASS@", "rtsp://admin:SECRETPASS@ bad/x", "rtsp://admin:SECRETPASS@cam/x"] {
            let e = cfg(bad).validate().unwrap_err();
            assert!(!e.contains("SECRETPASS"), "{e}");
        }
        assert_eq!(redact_userinfo("see `rtsp://a:b@cam:554/x?y` and http://h/p@q"), "see `rtsp://<redacted>@cam:554/x?y` and http://h/p@q");
    }

    #[test]
    fn debug_redacts_password() {
        let mut c = cfg("rtsp://cam/x");
        c.username = Some("admin".into());
        c.password = Some("hunter2".into());
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
