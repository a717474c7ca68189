//! The `fleetsight` binary rejects bad configs with a message that names the file and field.

use std::process::Command;

fn fleetsight(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fleetsight")).args(args).output().expect("run fleetsight");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout))
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn bad_configs_fail_naming_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("unknown.toml", "[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp://h/x\", trnsport = \"tcp\" }\n", "trnsport"),
        ("badurl.toml", "[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp//nohost\" }\n", "streams[0].rtsp.url"),
        ("badvalue.toml", "[supervisor]\nread_timeout_secs = -1\n[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp://h/x\" }\n", "supervisor.read_timeout_secs"),
        ("badtype.toml", "[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nchannel = \"one\"\nrtsp = { url = \"rtsp://h/x\" }\n", "channel"),
        ("nosource.toml", "[[streams]]\nid = \"a\"\ndevice_id = \"d\"\n", "streams[0].rtsp: a source is required"),
        (
            "apikey.toml",
            "[[api.api_keys]]\nname = \"gw\"\nkey_env = \"K\"\ntenant = \"nobody\"\nrole = \"operator\"\n[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp://h/x\" }\n",
            "api.api_keys[0].tenant",
        ),
    ];
    for (name, text, field) in cases {
        let path = write(&dir, name, text);
        for cmd in ["check-config", "run"] {
            let (ok, out) = fleetsight(&[cmd, "--config", &path]);
            assert!(!ok, "{cmd} {name} should fail");
            assert!(out.contains(name) && out.contains(field), "{cmd} {name}: message must name the file and `{field}`:\n{out}");
            assert!(!out.contains("panicked"), "{out}");
        }
    }
    // A secret the file points at but the environment lacks: found before anything starts.
    let unset = "[[api.tenants]]\nid = \"t\"\n[[api.api_keys]]\nname = \"gw\"\nkey_env = \"FLEETSIGHT_TEST_SURELY_UNSET_KEY\"\ntenant = \"t\"\nrole = \"operator\"\n\
                 [[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp://h/x\" }\n";
    let path = write(&dir, "unset.toml", unset);
    for cmd in ["check-config", "run"] {
        let (ok, out) = fleetsight(&[cmd, "--config", &path]);
        assert!(!ok && out.contains("api.api_keys[0].key_env: environment variable FLEETSIGHT_TEST_SURELY_UNSET_KEY"), "{cmd}: {out}");
    }
    let unset = "[[streams]]\nid = \"a\"\ndevice_id = \"d\"\nrtsp = { url = \"rtsp://h/x\", username = \"u\", password_env = \"FLEETSIGHT_TEST_SURELY_UNSET_PW\" }\n";
    let path = write(&dir, "unsetpw.toml", unset);
    for cmd in ["check-config", "run"] {
        let (ok, out) = fleetsight(&[cmd, "--config", &path]);
        assert!(!ok && out.contains("password_env: the environment variable FLEETSIGHT_TEST_SURELY_UNSET_PW is not set"), "{cmd}: {out}");
    }
    let (ok, out) = fleetsight(&["check-config", "--config", &dir.path().join("missing.toml").display().to_string()]);
    assert!(!ok && out.contains("missing.toml") && out.contains("cannot read"), "{out}");
}

#[test]
fn the_shipped_demo_config_is_valid() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/demo/fleetsight.toml");
    let (ok, out) = fleetsight(&["check-config", "--config", demo]);
    assert!(ok, "{out}");
    assert!(out.contains("5 streams"), "{out}");
}

/// Kubernetes, Docker and systemd stop a service with SIGTERM: it must shut down cleanly, not be
/// killed after the grace period.
#[test]
fn sigterm_shuts_down_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(
        &dir,
        "edge.toml",
        "[api]\nlisten = \"127.0.0.1:0\"\n[analysis]\nplates = false\n[[streams]]\nid = \"cam-0\"\ndevice_id = \"bus-0\"\nrtsp = { url = \"rtsp://127.0.0.1:9/cam0\" }\n",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_fleetsight"))
        .args(["run", "--config", &config, "--status-interval", "0"])
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it serves (the signal handler is installed before that).
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while std::io::BufRead::read_line(&mut stderr, &mut line).unwrap() > 0 && !line.contains("Serving /metrics") {
        line.clear();
    }
    assert!(line.contains("Serving /metrics"), "the edge did not start");
    let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("still running 30 s after SIGTERM");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(status.success(), "exit after SIGTERM: {status}");
}
