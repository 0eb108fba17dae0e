using System;
using System.Globalization;

// Compiled into Flow.Runtime and, as a linked file, into Flow.Compiler (netstandard2.0), so a
// literal the build accepts is exactly one the runtime can schedule. Pure functions, BCL only.
namespace Flow.Timers;

/// <summary>An ISO 8601 duration (<c>P3DT2H</c>): calendar parts are added to a date, not converted to a fixed length.</summary>
internal readonly struct IsoDuration
{
    public IsoDuration(int years, int months, int days, TimeSpan time)
    {
        Years = years;
        Months = months;
        Days = days;
        Time = time;
    }

    public int Years { get; }

    public int Months { get; }

    /// <summary>Days, weeks counted as 7.</summary>
    public int Days { get; }

    public TimeSpan Time { get; }

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    /// <summary><paramref name="from"/> plus the duration, years and months first (as ISO 8601 and java.time do).</summary>
    public DateTimeOffset AddTo(DateTimeOffset from) => from.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);
}

/// <summary>
/// A repeating interval (<c>R3/PT10M</c>, <c>R/PT1H</c>, <c>R3/2026-12-01T10:00:00Z/PT1H</c>,
/// <c>R/PT1H/2027-01-01T00:00:00Z</c>): <see cref="Repetitions"/> null means unbounded.
/// </summary>
internal sealed class IsoCycle
{
    public IsoCycle(int? repetitions, DateTimeOffset? start, IsoDuration period, DateTimeOffset? end)
    {
        Repetitions = repetitions;
        Start = start;
        Period = period;
        End = end;
    }

    public int? Repetitions { get; }

    public DateTimeOffset? Start { get; }

    public IsoDuration Period { get; }

    public DateTimeOffset? End { get; }
}

/// <summary>Parses the three timer literals of BPMN (timeDuration, timeDate, timeCycle) as ISO 8601.</summary>
internal static class TimerSyntax
{
    /// <summary><c>PnYnMnWnDTnHnMnS</c> (seconds may have a fraction); at least one part; no sign.</summary>
    public static bool TryParseDuration(string text, out IsoDuration duration, out string error)
    {
        duration = default;
        var s = text.Trim().ToUpperInvariant();
        if (s.Length < 2 || s[0] != 'P')
        {
            error = $"'{text.Trim()}' is not an ISO 8601 duration (PnYnMnWnDTnHnMnS, e.g. P3DT2H or PT10M)";
            return false;
        }

        int years = 0, months = 0, days = 0;
        var time = TimeSpan.Zero;
        var inTime = false;
        var parts = 0;
        var order = "YMWD";
        var timeOrder = "HMS";
        var last = -1;
        var i = 1;
        while (i < s.Length)
        {
            if (s[i] == 'T')
            {
                if (inTime || i == s.Length - 1)
                {
                    error = $"'{text.Trim()}' has a misplaced 'T' (it must come once, before the hours, minutes or seconds)";
                    return false;
                }

                inTime = true;
                last = -1;
                i++;
                continue;
            }

            var start = i;
            while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.' || s[i] == ','))
            {
                i++;
            }

            if (i == start || i == s.Length)
            {
                error = $"'{text.Trim()}' is not an ISO 8601 duration: a number must be followed by one of {(inTime ? "H, M, S" : "Y, M, W, D")}";
                return false;
            }

            var number = s.Substring(start, i - start).Replace(',', '.');
            var unit = s[i++];
            var position = (inTime ? timeOrder : order).IndexOf(unit);
            if (position < 0 || position <= last)
            {
                error = $"'{text.Trim()}' is not an ISO 8601 duration: '{unit}' is not allowed {(inTime ? "after T" : "before T")} or is out of order";
                return false;
            }

            last = position;
            var fractional = number.IndexOf('.') >= 0;
            if (fractional && !(inTime && unit == 'S'))
            {
                error = $"'{text.Trim()}' has a fraction outside the seconds; write e.g. PT1H30M instead of PT1.5H";
                return false;
            }

            if (fractional)
            {
                if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds > 1e9)
                {
                    error = $"'{text.Trim()}' has seconds that are not a number in range";
                    return false;
                }

                time += TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            }
            else
            {
                if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 1_000_000)
                {
                    error = $"'{text.Trim()}' has a number that is out of range ({number})";
                    return false;
                }

                if (inTime)
                {
                    time += unit switch { 'H' => TimeSpan.FromHours(value), 'M' => TimeSpan.FromMinutes(value), _ => TimeSpan.FromSeconds(value) };
                }
                else
                {
                    switch (unit)
                    {
                        case 'Y': years = value; break;
                        case 'M': months = value; break;
                        case 'W': days += 7 * value; break;
                        default: days += value; break;
                    }
                }
            }

            parts++;
        }

        if (parts == 0)
        {
            error = $"'{text.Trim()}' is not an ISO 8601 duration: it has no part (e.g. PT10M)";
            return false;
        }

        if (years > 10_000 || months > 120_000 || days > 3_650_000)
        {
            error = $"'{text.Trim()}' is longer than ten thousand years";
            return false;
        }

        duration = new IsoDuration(years, months, days, time);
        error = "";
        return true;
    }

    /// <summary>An ISO 8601 date and time with its offset (<c>2026-12-01T10:00:00Z</c>, <c>…+01:00</c>); a time without offset is ambiguous and refused.</summary>
    public static bool TryParseDate(string text, out DateTimeOffset date, out string error)
    {
        date = default;
        var s = text.Trim();
        var t = s.IndexOf('T');
        if (t < 0)
        {
            error = $"'{s}' is not an ISO 8601 date and time (e.g. 2026-12-01T10:00:00Z)";
            return false;
        }

        var zone = s.Substring(t);
        var hasOffset = zone.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || zone.IndexOf('+') >= 0 || zone.IndexOf('-') >= 0;
        if (!hasOffset)
        {
            error = $"'{s}' has no offset; write Z for UTC or an offset such as +01:00, so the time means the same on every server";
            return false;
        }

        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            || s.Length < 16 || s[4] != '-' || s[7] != '-' || t != 10)
        {
            error = $"'{s}' is not an ISO 8601 date and time (e.g. 2026-12-01T10:00:00Z)";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary><c>R[n]/duration</c>, <c>R[n]/start/duration</c> or <c>R[n]/duration/end</c>; zero repetitions and a zero period are refused (the timer would never fire, or fire without end).</summary>
    public static bool TryParseCycle(string text, out IsoCycle? cycle, out string error) => TryParseCycle(text, out cycle, out error, out _);

    /// <summary>As above; <paramref name="neverFires"/> tells a well-formed cycle that can never fire (zero repetitions, a zero period) from a malformed one.</summary>
    public static bool TryParseCycle(string text, out IsoCycle? cycle, out string error, out bool neverFires)
    {
        cycle = null;
        neverFires = false;
        var s = text.Trim();
        var parts = s.Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || char.ToUpperInvariant(parts[0][0]) != 'R')
        {
            error = s.IndexOf(' ') >= 0
                ? $"'{s}' looks like a cron expression, which is not supported; write a repeating interval such as R/PT1H or R3/2026-12-01T10:00:00Z/P1D"
                : $"'{s}' is not an ISO 8601 repeating interval (R[n]/duration, R[n]/start/duration or R[n]/duration/end, e.g. R3/PT10M)";
            return false;
        }

        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                error = $"'{parts[0]}' is not a repetition count (R, or R followed by a number)";
                return false;
            }

            if (n == 0)
            {
                neverFires = true;
                error = $"'{s}' repeats zero times, so the timer can never fire";
                return false;
            }

            repetitions = n;
        }

        DateTimeOffset? start = null, end = null;
        string periodText;
        if (parts.Length == 2)
        {
            periodText = parts[1];
        }
        else if (parts[1].Trim().StartsWith("P", StringComparison.OrdinalIgnoreCase))
        {
            periodText = parts[1];
            if (!TryParseDate(parts[2], out var e, out error))
            {
                return false;
            }

            end = e;
        }
        else
        {
            if (!TryParseDate(parts[1], out var b, out error))
            {
                return false;
            }

            start = b;
            periodText = parts[2];
        }

        if (!TryParseDuration(periodText, out var period, out error))
        {
            return false;
        }

        if (period.IsZero)
        {
            neverFires = true;
            error = $"'{s}' has a zero period, so it would fire without end at one instant";
            return false;
        }

        cycle = new IsoCycle(repetitions, start, period, end);
        error = "";
        return true;
    }
}
