use std::path::PathBuf;

/// Why a configuration file was rejected. The message names the file and, for every problem,
/// the field (`streams[2].rtsp.url: ...`).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("config file {path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Not valid TOML, an unknown key, or a value of the wrong type.
    #[error("config file {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's message, with the line and the key.
        message: String,
    },
    /// Parsed, but some values are impossible. Every problem is listed.
    #[error("config file {path}: {}", problems.join("; "))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// One `field: problem` line per problem.
        problems: Vec<String>,
    },
}

/// Key names whose values are secrets (`password`, `auth_token`, `secret_access_key`, an API
/// `key`, the Twilio `account_sid`), matched as substrings of the key.
const SECRET_KEYS: [&str; 5] = ["password", "token", "secret", "key", "sid"];

impl ConfigError {
    /// A parse error of `text`. The parser quotes the offending line, which may be the one with a
    /// password: every quoted value of a secret-named key in `text`, and every URL's user info,
    /// is redacted from the message.
    pub fn parse(path: PathBuf, text: &str, error: impl std::fmt::Display) -> Self {
        let mut message = ingest::source::rtsp::redact_userinfo(error.to_string().trim_end());
        for secret in secret_values(text) {
            message = message.replace(secret, "<redacted>");
        }
        // A misspelt key (`pasword`) is not recognised as secret: the quoted line's values go too.
        let message = message.lines().map(|l| if is_excerpt(l) { redact_quoted(l) } else { l.to_string() }).collect::<Vec<_>>().join("\n");
        ConfigError::Parse { path, message }
    }
}

/// A line of the parser's source excerpt: `12 | key = "value"`.
fn is_excerpt(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && t[digits..].trim_start().starts_with('|')
}

/// `line` with every quoted string's content replaced by `<redacted>`.
fn redact_quoted(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find(['"', '\'']) {
        let q = rest[i..].chars().next().unwrap_or('"');
        let Some(len) = rest[i + 1..].find(q) else { break };
        out += &rest[..=i];
        out += "<redacted>";
        out.push(q);
        rest = &rest[i + len + 2..];
    }
    out + rest
}

/// The quoted values assigned to secret-named keys (`name = "value"` or `'value'`), in plain or
/// inline tables.
fn secret_values(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('=') {
        let key = text[..i].trim_end();
        let name_start = key.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).map_or(0, |j| j + 1);
        let name = key[name_start..].to_ascii_lowercase();
        if !SECRET_KEYS.iter().any(|k| name.contains(k)) {
            continue;
        }
        let value = text[i + 1..].trim_start();
        let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
        if let Some(end) = value[1..].find(q) {
            out.extend(Some(&value[1..=end]).filter(|v| !v.is_empty()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_never_quote_a_secret() {
        let text = "[[streams]]\nid = \"a\"\nrtsp = { url = \"rtsp://u:URLPASS@cam/x\", username = \"u\", pasword = \"SECRETPASS\" }\n";
        let raw = toml::from_str::<crate::Config>(text).unwrap_err();
        assert!(raw.to_string().contains("SECRETPASS"), "the parser quotes the line: {raw}");
        let e = ConfigError::parse("f.toml".into(), text, &raw).to_string();
        for secret in ["SECRETPASS", "URLPASS"] {
            assert!(!e.contains(secret), "{e}");
        }
        assert!(e.contains("pasword"), "the message still names the problem: {e}");
        assert_eq!(redact_quoted(r#"3 | a = "x", b = 'y' "#), r#"3 | a = "<redacted>", b = '<redacted>' "#);
        assert!(is_excerpt("  12 | k = 1") && !is_excerpt("unknown field `pasword`"));
        assert_eq!(secret_values("a = \"x\"\nkey_env = \"K\"\nsecret = \"\"\n[notify]\nauth_token = 'T'"), ["K", "T"]);
    }
}

