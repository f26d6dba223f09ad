namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>English headings, also matched in postings in every other language.</summary>
static class English
{
    public static readonly HeadingVocabulary Vocabulary = new(
        "en",
        Fillers: "a an the your you you're you'll you've our we we're we'll us is are be will am and or & of to in on at for with this that it its as by job key main core here working",
        About:
        [
            "about the role", "about the job", "about the position", "about the opportunity", "the role", "role", "your role",
            "the position", "position", "the opportunity", "opportunity", "job description", "role description", "~description",
            "overview", "role overview", "about us", "who we are", "about the company", "the company", "~company", "~about",
            "introduction", "our mission", "~summary", "the job", "context", "~background",
        ],
        Responsibilities:
        [
            "responsib*", "duties", "tasks", "your tasks", "what you'll do", "what you will do", "what you'll be doing",
            "what you will be doing", "you'll be doing", "what you do", "what you'll work on", "what you will work on",
            "work on", "mission*", "day to day", "a day in the life", "your day", "impact", "the challenge", "challenges",
            "in this role", "in this role you will", "your job", "accountabilities", "scope", "you will",
        ],
        Requirements:
        [
            "requirement*", "qualification*", "profile", "who you are", "about you", "you are", "you have", "what you bring",
            "what you'll bring", "you bring", "bring", "what we're looking for", "what we are looking for", "looking for",
            "what we look for", "must have*", "~must", "skills", "~skill", "experience", "your background", "what you need",
            "you'll need", "you will need", "need", "we expect", "what we expect", "expectations", "ideal candidate",
            "candidate profile", "competenc*", "prerequisites", "knowledge", "~essential", "~required", "is this you",
        ],
        NiceToHave:
        [
            "nice to have*", "bonus points", "~bonus", "~plus", "a plus", "is a plus", "are a plus", "preferred",
            "preferred qualifications", "preferred skills", "good to have", "even better", "extra credit", "ideally",
            "it would be great", "would be great", "would be nice", "would be a plus", "stand out", "desirable", "desired",
            "~optional", "~extra", "brownie points", "bonus if",
        ],
        Benefits:
        [
            "benefit*", "perk*", "what we offer", "we offer", "our offer", "~offer", "why join*", "why us", "why work with us",
            "why work for us", "why you'll love*", "what's in it for you", "in it for you", "what you get", "what you'll get",
            "you'll get", "compensation", "rewards", "total rewards", "we provide", "what we provide", "our promise",
            "what we bring", "we give you", "~why",
        ]);
}
