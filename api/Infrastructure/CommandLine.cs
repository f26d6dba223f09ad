namespace Careers.Api.Infrastructure;

/// <summary>The commands' options: <c>--name value</c>, repeatable (<c>--scope a --scope b</c>).</summary>
static class CommandLine
{
    public static IEnumerable<string> Values(this string[] args, string option)
    {
        for (var i = 0; i < args.Length - 1; i++)
            if (args[i] == option) yield return args[i + 1];
    }

    public static string? Value(this string[] args, string option) => args.Values(option).LastOrDefault();
}
