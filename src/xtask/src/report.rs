//! What the reports of `make bench` and `make load` share: the two languages they are written in,
//! and the machine they were measured on.
use serde::Serialize;
use std::process::Command;

#[derive(Clone, Copy, PartialEq)]
pub enum Language {
    English,
    Japanese,
}

impl Language {
    /// The text of this language, of the two given.
    pub fn pick(self, english: &str, japanese: &str) -> String {
        match self {
            Language::English => english.to_string(),
            Language::Japanese => japanese.to_string(),
        }
    }
}

/// The machine, as a reader can compare with theirs.
#[derive(Serialize)]
pub struct Machine {
    /// Logical CPUs.
    pub cpus: usize,
    cpu: String,
    memory_gib: u64,
    linux: String,
}

impl Machine {
    pub fn here() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|line| {
                line.strip_prefix("model name")
                    .map(|rest| rest.trim_start_matches([' ', '\t', ':']))
            })
            .unwrap_or("?")
            .to_string();
        let memory_kib = std::fs::read_to_string("/proc/meminfo")
            .unwrap_or_default()
            .lines()
            .find_map(|line| {
                let kib = line.strip_prefix("MemTotal:")?;
                kib.trim().trim_end_matches(" kB").parse::<u64>().ok()
            })
            .unwrap_or(0);
        let linux = Command::new("uname")
            .arg("-r")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        Machine {
            cpus: cpuinfo
                .lines()
                .filter(|l| l.starts_with("processor"))
                .count(),
            cpu,
            memory_gib: memory_kib / 1024 / 1024,
            linux,
        }
    }

    pub fn describe(&self, language: Language) -> String {
        match language {
            Language::English => format!(
                "{}, {} logical CPUs, {} GiB of memory, Linux {}",
                self.cpu, self.cpus, self.memory_gib, self.linux
            ),
            Language::Japanese => format!(
                "{}（論理 CPU {} 個）、メモリ {} GiB、Linux {}",
                self.cpu, self.cpus, self.memory_gib, self.linux
            ),
        }
    }
}
