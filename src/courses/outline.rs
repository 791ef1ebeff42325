//! A course as lines of text: its settings, modules, lessons and questions, the way the
//! revision diff compares versions of it.
use super::{CourseDefinition, QuestionKind, Quiz};

/// The course as lines of text, the way the revision diff compares versions.
pub fn outline(course: &CourseDefinition) -> String {
    let mut text = String::new();
    let mut line = |s: String| {
        text.push_str(&s);
        text.push('\n');
    };
    line(format!("Varighet: {} minutter", course.duration_minutes));
    line(format!("Bestått-grense: {} %", course.pass_mark));
    line(format!("Forsøk på prøven: {}", course.max_attempts.map_or("ubegrenset".to_owned(), |n| n.to_string())));
    for outcome in &course.outcomes {
        line(format!("Læringsmål: {outcome}"));
    }
    let quiz_lines = |quiz: &Quiz, line: &mut dyn FnMut(String)| {
        line(format!("Quiz: {}", quiz.title));
        for (q, question) in quiz.questions.iter().enumerate() {
            line(format!("  Spørsmål {} ({}): {}", q + 1, question.kind.label(), question.text));
            for (o, option) in question.options.iter().enumerate() {
                let mark = match question.kind {
                    QuestionKind::Ordering => format!("{}.", o + 1),
                    _ if option.correct => "[riktig]".to_owned(),
                    _ => "[galt]".to_owned(),
                };
                line(format!("    {mark} {}", option.text));
                if !option.explanation.is_empty() {
                    line(format!("      Forklaring: {}", option.explanation));
                }
            }
            if !question.explanation.is_empty() {
                line(format!("    Forklaring: {}", question.explanation));
            }
        }
    };
    for (m, module) in course.modules.iter().enumerate() {
        line(String::new());
        line(format!("Modul {}: {}", m + 1, module.title));
        for lesson in &module.lessons {
            line(format!("Leksjon: {}", lesson.title));
            for body_line in lesson.body_markdown.lines() {
                line(format!("  {body_line}"));
            }
        }
        if let Some(quiz) = &module.quiz {
            quiz_lines(quiz, &mut line);
        }
    }
    if let Some(exam) = &course.exam {
        line(String::new());
        line("Avsluttende prøve".to_owned());
        quiz_lines(exam, &mut line);
    }
    text
}
