use serde::Deserialize;
use url::Url;

/// An RTSP camera (an MDVR channel).
///
/// ```toml
/// rtsp = { url = "rtsp://10.0.0.5:554/ch1/main", username = "admin", password = "secret" }
/// ```
#[derive(Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RtspSourceConfig {
    /// `rtsp://host[:port]/path`. Credentials go in `username`/`password`, not in the URL.
    pub url: String,
    /// User for digest (or basic) authentication.
    #[serde(default)]
    pub username: Option<String>,
    /// Password for digest (or basic) authentication. Never logged.
    #[serde(default)]
    pub password: Option<String>,
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
        if self.password.is_some() && self.username.is_none() {
            return Err("username: required when `password` is set".into());
        }
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(url: &str) -> RtspSourceConfig {
        RtspSourceConfig { url: url.into(), username: None, password: None, transport: RtspTransport::Tcp }
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
