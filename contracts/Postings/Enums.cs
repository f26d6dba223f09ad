using System.Text.Json.Serialization;

namespace Careers.Contracts.Postings;

/// <summary>How the person is employed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EmploymentType>))]
public enum EmploymentType
{
    /// <summary>Full-time employment.</summary>
    [JsonStringEnumMemberName("full_time")] FullTime,
    /// <summary>Part-time employment.</summary>
    [JsonStringEnumMemberName("part_time")] PartTime,
    /// <summary>A fixed-term or freelance contract.</summary>
    [JsonStringEnumMemberName("contract")] Contract,
    /// <summary>An internship.</summary>
    [JsonStringEnumMemberName("internship")] Internship,
    /// <summary>Temporary employment.</summary>
    [JsonStringEnumMemberName("temporary")] Temporary,
}

/// <summary>Where the work happens.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkplaceType>))]
public enum WorkplaceType
{
    /// <summary>Work from anywhere in the posting's countries.</summary>
    [JsonStringEnumMemberName("remote")] Remote,
    /// <summary>Partly remote, partly at an office.</summary>
    [JsonStringEnumMemberName("hybrid")] Hybrid,
    /// <summary>At an office.</summary>
    [JsonStringEnumMemberName("onsite")] Onsite,
}

/// <summary>The kind of a role section, as the careers page structures a posting.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SectionKind>))]
public enum SectionKind
{
    /// <summary>What the role is.</summary>
    [JsonStringEnumMemberName("about")] About,
    /// <summary>What the person will do.</summary>
    [JsonStringEnumMemberName("responsibilities")] Responsibilities,
    /// <summary>What the person must bring.</summary>
    [JsonStringEnumMemberName("requirements")] Requirements,
    /// <summary>What helps but is not required.</summary>
    [JsonStringEnumMemberName("nice_to_have")] NiceToHave,
    /// <summary>What the company offers.</summary>
    [JsonStringEnumMemberName("benefits")] Benefits,
    /// <summary>A section with a heading of its own.</summary>
    [JsonStringEnumMemberName("custom")] Custom,
}
