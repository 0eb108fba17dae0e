using System;
using System.Collections.Generic;
using System.Globalization;
using Flow.Timers;

// Compiled into Flow.Runtime and, as a linked file, into Flow.Compiler (netstandard2.0), so a
// retry cycle the build accepts is exactly one the runtime can use. Pure functions, BCL only.
namespace Flow.Jobs;

/// <summary>
/// Camunda's <c>failedJobRetryTimeCycle</c>: <c>R5/PT10S</c> (5 attempts in all, 10 seconds
/// apart) or a list of waits <c>PT1M,PT5M,PT10M</c> (one attempt more than waits, each wait in
/// turn). Waits are days, hours, minutes and seconds (a month or a year has no fixed length).
/// </summary>
internal static class RetryCycleSyntax
{
    /// <summary>The most attempts a cycle may ask for (a job failing forever is an incident, not a loop).</summary>
    public const int MaxAttempts = 1000;

    public static bool TryParse(string text, out int attempts, out TimeSpan[] delays, out string error)
    {
        attempts = 0;
        delays = Array.Empty<TimeSpan>();
        text = text.Trim();
        if (text.Length == 0)
        {
            error = "it is empty";
            return false;
        }

        if (text[0] == 'R')
        {
            var slash = text.IndexOf('/');
            if (slash < 0 || text.IndexOf('/', slash + 1) >= 0)
            {
                error = "a repetition is R<attempts>/<duration>";
                return false;
            }

            var count = text.Substring(1, slash - 1);
            if (count.Length == 0 || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || attempts < 1 || attempts > MaxAttempts)
            {
                error = $"'{count}' is not a number of attempts from 1 to {MaxAttempts.ToString(CultureInfo.InvariantCulture)} (R/… without a count would retry forever)";
                attempts = 0;
                return false;
            }

            if (!TryParseDelay(text.Substring(slash + 1), out var delay, out error))
            {
                attempts = 0;
                return false;
            }

            delays = new[] { delay };
            return true;
        }

        var parts = text.Split(',');
        if (parts.Length >= MaxAttempts)
        {
            error = $"it lists more than {(MaxAttempts - 1).ToString(CultureInfo.InvariantCulture)} waits";
            return false;
        }

        var list = new List<TimeSpan>(parts.Length);
        foreach (var part in parts)
        {
            if (!TryParseDelay(part, out var delay, out error))
            {
                return false;
            }

            list.Add(delay);
        }

        delays = list.ToArray();
        attempts = delays.Length + 1;
        error = "";
        return true;
    }

    private static bool TryParseDelay(string text, out TimeSpan delay, out string error)
    {
        delay = TimeSpan.Zero;
        if (!TimerSyntax.TryParseDuration(text.Trim(), out var duration, out error))
        {
            return false;
        }

        if (duration.Years != 0 || duration.Months != 0)
        {
            error = $"'{text.Trim()}' counts years or months, which have no fixed length; write days";
            return false;
        }

        delay = TimeSpan.FromDays(duration.Days) + duration.Time;
        return true;
    }
}
