using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AnimeGan.Cli.Commands
{
    /// <summary>
    /// Reads numbers the same way in every culture: <c>--strength 0.5</c> is a half under de-DE as under en-US.
    /// The parser's own conversion follows the process culture, where "0.5" is 5 and "1.5" is 15 once
    /// invariant globalization is off (an environment variable or a host is enough), so numeric options
    /// parse here instead.
    /// </summary>
    internal static class InvariantNumbers
    {
        /// <summary>Parses a decimal option with a point as the decimal separator.</summary>
        public static Option<double> Invariant(this Option<double> option, double whenAbsent)
        {
            option.CustomParser = result => Parse(result, option.Name, "a number such as 0.5", (string text, out double value) =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) ?? whenAbsent;
            return option;
        }

        /// <summary>Parses a whole-number option invariantly.</summary>
        public static Option<int> Invariant(this Option<int> option, int whenAbsent)
        {
            option.CustomParser = result => Parse<int>(result, option.Name, "a whole number", TryParseInt) ?? whenAbsent;
            return option;
        }

        /// <summary>Parses an optional whole-number option invariantly.</summary>
        public static Option<int?> Invariant(this Option<int?> option)
        {
            option.CustomParser = result => Parse<int>(result, option.Name, "a whole number", TryParseInt);
            return option;
        }

        private delegate bool TryParser<T>(string text, out T value);

        private static bool TryParseInt(string text, out int value)
            => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

        /// <summary>The option's value, or null when it was not given or is not a number (then the parse fails with a message naming it).</summary>
        private static T? Parse<T>(ArgumentResult result, string name, string expected, TryParser<T> tryParse)
            where T : struct
        {
            if (result.Tokens.Count == 0)
                return null;
            var text = result.Tokens[result.Tokens.Count - 1].Value;
            if (tryParse(text, out var value))
                return value;
            result.AddError($"{name} '{text}' is not {expected}.");
            return null;
        }
    }
}
