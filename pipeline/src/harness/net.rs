//! Small network helpers the benchmarks and the end-to-end tests share (`fleetsight-e2e`
//! re-exports them): a free port, an HTTP GET, a metric from Prometheus text, the fleet's topics.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use rdkafka::ClientConfig;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;

/// A TCP port that was free a moment ago on 127.0.0.1.
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// GETs `path` from `addr` (HTTP/1.1, `Connection: close`, 5 s at most); returns (status, body).
pub async fn http_get(addr: SocketAddr, path: &str) -> anyhow::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let exchange = async {
        let mut s = tokio::net::TcpStream::connect(addr).await?;
        s.write_all(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes()).await?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).await?;
        anyhow::Ok(buf)
    };
    let buf = tokio::time::timeout(Duration::from_secs(5), exchange).await.context("HTTP exchange timed out")??;
    let text = String::from_utf8_lossy(&buf).to_string();
    let (head, body) = text.split_once("\r\n\r\n").context("no HTTP header end")?;
    let code = head.split_whitespace().nth(1).context("no status")?.parse()?;
    Ok((code, body.to_string()))
}

/// Sums the samples of metric `name` whose labels include every `labels` pair, in Prometheus
/// text format. Returns 0 when none match.
pub fn metric(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (series, value) = l.rsplit_once(' ')?;
            let (n, rest) = series.split_once('{').unwrap_or((series, ""));
            if n != name {
                return None;
            }
            let all = labels.iter().all(|(k, v)| rest.contains(&format!("{k}=\"{v}\"")));
            all.then(|| value.parse::<f64>().ok()).flatten()
        })
        .sum()
}

/// Creates the fleet's topics on a fresh broker: plate reads (3 partitions) and their dead
/// letters, challans, incidents.
pub async fn create_topics(bootstrap: &str) -> anyhow::Result<()> {
    let admin: AdminClient<DefaultClientContext> = ClientConfig::new().set("bootstrap.servers", bootstrap).create()?;
    let reads = sinks::event::TOPIC_PLATE_READS;
    let dlq = format!("{reads}.dlq");
    let topics = [
        NewTopic::new(reads, 3, TopicReplication::Fixed(1)),
        NewTopic::new(&dlq, 1, TopicReplication::Fixed(1)),
        NewTopic::new(sinks::challan::TOPIC_CHALLANS, 1, TopicReplication::Fixed(1)),
        NewTopic::new(sinks::incident::TOPIC_INCIDENTS, 1, TopicReplication::Fixed(1)),
    ];
    for r in admin.create_topics(&topics, &AdminOptions::new().operation_timeout(Some(Duration::from_secs(10)))).await? {
        r.map_err(|(t, e)| anyhow::anyhow!("creating topic {t}: {e}"))?;
    }
    Ok(())
}
