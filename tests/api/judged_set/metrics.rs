//! Graded measures of a ranking's first ten: nDCG@10 (gain 2^grade − 1, log2 discount),
//! recall@10 (the share of the relevant pages found, of at most ten), reciprocal rank of
//! the first relevant page.
pub struct Score {
    pub ndcg: f64,
    pub recall: f64,
    pub reciprocal_rank: f64,
}

fn dcg(grades: impl Iterator<Item = u8>) -> f64 {
    grades.take(10).enumerate().map(|(i, g)| (2f64.powi(g as i32) - 1.0) / (i as f64 + 2.0).log2()).sum()
}

/// `ranked`: the grades of the hits in order; `relevant`: the grades of every relevant page.
pub fn score(ranked: &[u8], relevant: &[u8]) -> Score {
    let mut ideal = relevant.to_vec();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let found = ranked.iter().take(10).filter(|g| **g > 0).count();
    Score {
        ndcg: dcg(ranked.iter().copied()) / dcg(ideal.into_iter()),
        recall: found as f64 / relevant.len().min(10) as f64,
        reciprocal_rank: ranked.iter().position(|g| *g > 0).map_or(0.0, |r| 1.0 / (r as f64 + 1.0)),
    }
}

#[derive(Default)]
pub struct Scores {
    count: usize,
    ndcg: f64,
    recall: f64,
    reciprocal_rank: f64,
}

impl Scores {
    pub fn add(&mut self, score: &Score) {
        self.count += 1;
        self.ndcg += score.ndcg;
        self.recall += score.recall;
        self.reciprocal_rank += score.reciprocal_rank;
    }

    pub fn ndcg(&self) -> f64 {
        self.ndcg / self.count as f64
    }

    pub fn row(&self, kind: &str) -> String {
        let n = self.count as f64;
        format!("| {kind} | {} | {:.3} | {:.3} | {:.3} |", self.count, self.ndcg / n, self.recall / n, self.reciprocal_rank / n)
    }
}

#[test]
fn a_perfect_ranking_scores_one_and_a_swapped_one_less() {
    assert_eq!(score(&[2, 1, 0], &[2, 1]).ndcg, 1.0);
    let swapped = score(&[1, 2], &[2, 1]);
    assert!(swapped.ndcg < 1.0 && swapped.ndcg > 0.7, "{}", swapped.ndcg);
    assert_eq!(swapped.recall, 1.0);
    let late = score(&[0, 0, 2], &[2, 2]);
    assert!((late.reciprocal_rank - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(late.recall, 0.5);
}
