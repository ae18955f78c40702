using System.Globalization;
using AnimeGan.Core.Exceptions;

namespace AnimeGan.Core.Options
{
    /// <summary>
    /// The one place where the engine's ranges live. Front ends show these numbers in their help and
    /// validate with <see cref="Check(double, double, double, string)"/> under their own parameter names, so
    /// the command line, the cmdlets and the engine can never disagree about what is allowed.
    /// </summary>
    public static class OptionLimits
    {
        /// <summary>The smallest strength: the original photo, unchanged.</summary>
        public const double MinStrength = 0;

        /// <summary>The largest strength: the style alone.</summary>
        public const double MaxStrength = 1;

        /// <summary>
        /// The smallest working size: below it the generators' down-sampling stages have nothing left to
        /// work on.
        /// </summary>
        public const int MinWorkingSize = 16;

        /// <summary>
        /// The largest working size. A model run at 8192 px already needs tens of gigabytes; beyond it a run
        /// would only fail after minutes.
        /// </summary>
        public const int MaxWorkingSize = 8192;

        /// <summary>The lowest lossy quality.</summary>
        public const int MinQuality = 1;

        /// <summary>The highest lossy quality.</summary>
        public const int MaxQuality = 100;

        /// <summary>The fewest photos converted at once.</summary>
        public const int MinJobs = 1;

        /// <summary>The most photos converted at once: each holds a full-size photo in memory.</summary>
        public const int MaxJobs = 64;

        /// <summary>Throws <see cref="AnimeGanErrorCode.InvalidOption"/> naming <paramref name="name"/> when the value is outside the range.</summary>
        /// <returns>The value, for chaining.</returns>
        public static double Check(double value, double min, double max, string name)
        {
            if (double.IsNaN(value) || value < min || value > max)
                throw OutOfRange(name, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));
            return value;
        }

        /// <summary>Throws <see cref="AnimeGanErrorCode.InvalidOption"/> naming <paramref name="name"/> when the value is outside the range.</summary>
        /// <returns>The value, for chaining.</returns>
        public static int Check(int value, int min, int max, string name)
        {
            if (value < min || value > max)
                throw OutOfRange(name, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));
            return value;
        }

        /// <summary>Checks every range in a set of stylize settings, with the engine's own names.</summary>
        /// <exception cref="AnimeGanException">A value is out of range.</exception>
        public static void Validate(StylizeOptions options)
        {
            Throw.IfNull(options);
            if (options.Strength is double strength)
                Check(strength, MinStrength, MaxStrength, "Strength");
            if (options.MaxSize is int size)
                Check(size, MinWorkingSize, MaxWorkingSize, "The working size");
        }

        /// <summary>Checks every range in a set of write settings, with the engine's own names.</summary>
        /// <exception cref="AnimeGanException">A value is out of range.</exception>
        public static void Validate(OutputOptions options)
        {
            Throw.IfNull(options);
            if (options.Quality is int quality)
                Check(quality, MinQuality, MaxQuality, "Quality");
        }

        private static AnimeGanException OutOfRange(string name, string min, string max, string value)
            => new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"{name} must be between {min} and {max}, not {value}.");
    }
}
