//! The sample table of an MP4 video track, checked against the file before any sample is read.
//! The `mp4` crate parses the boxes (and checks each box's entry count against its size), but it
//! trusts the tables when it locates a sample: a zero `samples_per_chunk` divides by zero, a
//! sample missing from `stts` is unwrapped, a constant `stsz` size times any count is believed.
//! Clips come from cameras and uploads, so the tables are walked here, once and linearly, and
//! every sample must lie inside the file.

use mp4::Mp4Track;

/// The smallest H.264 sample: a 4-byte NAL length and a NAL header. With a constant size this
/// bounds the count (and the table) by the file's size.
const MIN_SAMPLE: u32 = 5;

/// Where one sample lies in the file, and when it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleRef {
    /// Byte offset in the file.
    pub offset: u64,
    /// Size in bytes (the sample lies inside the file).
    pub size: u32,
    /// Presentation time, 90 kHz.
    pub pts_90k: i64,
    /// A sync sample (`stss`; every sample when there is none).
    pub is_sync: bool,
}

/// Every sample of an unfragmented `track`, in decode order. An error names the box at fault
/// (`stsz: ...`).
pub fn sample_table(track: &Mp4Track, file_len: u64) -> Result<Vec<SampleRef>, String> {
    let timescale = track.trak.mdia.mdhd.timescale;
    if timescale == 0 {
        return Err("mdhd: timescale is 0".into());
    }
    // The box types are not public in `mp4`: their fields are passed on.
    let stbl = &track.trak.mdia.minf.stbl;
    let sizes = sample_sizes(stbl.stsz.sample_size, stbl.stsz.sample_count, &stbl.stsz.sample_sizes, file_len)?;
    let chunks = match (&stbl.stco, &stbl.co64) {
        (Some(stco), _) => stco.entries.iter().map(|&o| u64::from(o)).collect(),
        (None, Some(co64)) => co64.entries.clone(),
        (None, None) => Vec::new(),
    };
    let runs: Vec<(u32, u32)> = stbl.stsc.entries.iter().map(|e| (e.first_chunk, e.samples_per_chunk)).collect();
    let places = locate(&chunks, &runs, &sizes, file_len)?;
    let dts = decode_times(stbl.stts.entries.iter().map(|e| (e.sample_count, e.sample_delta)), sizes.len())?;
    let offsets = stbl.ctts.as_ref().map(|c| c.entries.as_slice()).unwrap_or_default();
    let mut ctts = offsets.iter().flat_map(|e| std::iter::repeat_n(e.sample_offset, e.sample_count as usize));
    let mut out = Vec::with_capacity(sizes.len());
    for (i, ((offset, size), dts)) in places.into_iter().zip(dts).enumerate() {
        let pts = i128::from(dts) + i128::from(ctts.next().unwrap_or(0));
        let pts_90k = i64::try_from(pts * 90_000 / i128::from(timescale)).map_err(|_| format!("stts: sample {} is shown past the 64-bit 90 kHz range", i + 1))?;
        let id = i as u64 + 1;
        let is_sync = stbl.stss.as_ref().is_none_or(|s| s.entries.binary_search(&(id as u32)).is_ok());
        out.push(SampleRef { offset, size, pts_90k, is_sync });
    }
    Ok(out)
}

/// The size of each sample. A constant size times the count must fit in the file; a table has
/// (the `mp4` crate checks) no more entries than its box holds.
fn sample_sizes(constant: u32, count: u32, table: &[u32], file_len: u64) -> Result<Vec<u32>, String> {
    if constant == 0 {
        return match table.get(..count as usize) {
            Some(s) => Ok(s.to_vec()),
            None => Err(format!("stsz: {count} samples but {} sizes", table.len())),
        };
    }
    if count > 0 && constant < MIN_SAMPLE {
        return Err(format!("stsz: a constant sample size of {constant} bytes cannot hold an H.264 sample"));
    }
    if u64::from(count) * u64::from(constant) > file_len {
        return Err(format!("stsz: {count} samples of {constant} bytes do not fit in the file's {file_len} bytes"));
    }
    Ok(vec![constant; count as usize])
}

/// Each sample's `(offset, size)` from the chunk offsets (`stco`/`co64`) and the runs of chunks
/// (`stsc`: first chunk, 1-based, and samples per chunk), each sample inside the file.
fn locate(chunks: &[u64], runs: &[(u32, u32)], sizes: &[u32], file_len: u64) -> Result<Vec<(u64, u32)>, String> {
    let n = chunks.len() as u64;
    let mut out = Vec::with_capacity(sizes.len());
    'runs: for (j, &(first, per_chunk)) in runs.iter().enumerate() {
        let end = runs.get(j + 1).map_or(n + 1, |next| u64::from(next.0));
        if first == 0 || per_chunk == 0 || end <= u64::from(first) {
            return Err(format!("stsc: entry {} (first chunk {first}, {per_chunk} samples per chunk) is malformed", j + 1));
        }
        // Each chunk places at least one sample or fails: the loop is bounded by the samples.
        for c in u64::from(first)..end {
            let mut at = *chunks.get(c as usize - 1).ok_or_else(|| format!("stsc: chunk {c} is not in stco/co64 ({n} chunks)"))?;
            for _ in 0..per_chunk {
                let Some(&size) = sizes.get(out.len()) else { break 'runs };
                let next = at.checked_add(u64::from(size)).filter(|&e| e <= file_len);
                let next = next.ok_or_else(|| format!("stco: sample {} ({size} bytes at {at}) lies past the file's {file_len} bytes", out.len() + 1))?;
                out.push((at, size));
                at = next;
            }
        }
    }
    if out.len() < sizes.len() {
        return Err(format!("stsc: the chunks hold {} of the {} samples", out.len(), sizes.len()));
    }
    Ok(out)
}

/// The first `count` decode times from `stts`'s `(sample count, sample delta)` entries.
fn decode_times(entries: impl Iterator<Item = (u32, u32)>, count: usize) -> Result<Vec<u64>, String> {
    let mut out = Vec::with_capacity(count);
    let mut t = 0u64;
    'entries: for (n, delta) in entries {
        for _ in 0..n {
            if out.len() == count {
                break 'entries;
            }
            out.push(t);
            t = t.checked_add(u64::from(delta)).ok_or("stts: sample times overflow")?;
        }
    }
    if out.len() < count {
        return Err(format!("stts: times {} of the {count} samples", out.len()));
    }
    Ok(out)
}
