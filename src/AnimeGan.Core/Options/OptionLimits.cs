using System.Globalization;
using AnimeGan.Core.Batches;

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

        /// <summary>Checks every range in a set of stylize settings.</summary>
        /// <param name="options">The settings.</param>
        /// <param name="parameterName">Maps a setting's property name (<c>Strength</c>, <c>MaxSize</c>) to the name a user typed (<c>--strength</c>, <c>-MaxSize</c>, <c>maxSize</c>); null for the engine's own words.</param>
        /// <exception cref="AnimeGanException">A value is out of range; the message names it.</exception>
        public static void Validate(StylizeOptions options, Func<string, string>? parameterName)
        {
            Throw.IfNull(options);
            var name = Names(parameterName);
            if (options.Strength is double strength)
                Check(strength, MinStrength, MaxStrength, name(nameof(StylizeOptions.Strength)));
            if (options.MaxSize is int size)
                Check(size, MinWorkingSize, MaxWorkingSize, name(nameof(StylizeOptions.MaxSize)));
        }

        /// <summary>
        /// Checks a set of stylize settings as a conversion will use them: every range, and every model they
        /// name by kind and by presence (not yet by hash: that happens once, when the model loads). Every front
        /// end calls this before it queues work, so a bad setting is one clear error naming the setting as the
        /// user typed it.
        /// </summary>
        /// <param name="options">The settings.</param>
        /// <param name="store">Where the models are.</param>
        /// <param name="parameterName">Maps a setting's property name (<c>Style</c>, <c>Strength</c>) to the name a user typed; null for the engine's own words.</param>
        /// <returns>The id of the style that will run.</returns>
        /// <exception cref="AnimeGanException">A value is out of range, or a named model is unknown, of the wrong kind or not installed (see <see cref="AnimeGanException.ModelId"/>).</exception>
        public static string Validate(StylizeOptions options, ModelStore store, Func<string, string>? parameterName)
        {
            Validate(options, parameterName);
            Throw.IfNull(store);
            var style = Model(store, options.Style ?? store.Manifest.DefaultStyleId, ModelKind.Style, parameterName?.Invoke(nameof(StylizeOptions.Style)));
            var faceStyle = options.FaceStyle == null ? null : Model(store, options.FaceStyle, ModelKind.Style, parameterName?.Invoke(nameof(StylizeOptions.FaceStyle)));
            var detector = Model(store, options.FaceDetector ?? AnimeGanEngine.DefaultFaceDetector, ModelKind.FaceDetector, parameterName?.Invoke(nameof(StylizeOptions.FaceDetector)));
            if ((options.Strength ?? MaxStrength) == 0)
                return style.Id;
            store.RequireInstalled(style);
            if (options.Faces != false && faceStyle != null)
                store.RequireInstalled(faceStyle);
            if (options.Faces == true)
                store.RequireInstalled(detector);
            return style.Id;
        }

        /// <summary>Checks every range in a set of write settings.</summary>
        /// <param name="options">The settings.</param>
        /// <param name="parameterName">Maps a setting's property name (<c>Quality</c>) to the name a user typed; null for the engine's own words.</param>
        /// <exception cref="AnimeGanException">A value is out of range.</exception>
        public static void Validate(OutputOptions options, Func<string, string>? parameterName)
        {
            Throw.IfNull(options);
            if (options.Quality is int quality)
                Check(quality, MinQuality, MaxQuality, Names(parameterName)(nameof(OutputOptions.Quality)));
        }

        /// <summary>
        /// Checks every range in a batch's settings (stylize, write, and how many photos at once), naming each
        /// setting as <see cref="BatchOptions.ParameterName"/> says the user typed it.
        /// </summary>
        /// <exception cref="AnimeGanException">A value is out of range.</exception>
        public static void Validate(BatchOptions options)
        {
            Throw.IfNull(options);
            Validate(options.Stylize ?? new StylizeOptions(), options.ParameterName);
            Validate(options.Output ?? new OutputOptions(), options.ParameterName);
            if (options.Jobs is int jobs)
                Check(jobs, MinJobs, MaxJobs, Names(options.ParameterName)(nameof(BatchOptions.Jobs)));
        }

        private static Func<string, string> Names(Func<string, string>? parameterName)
            => parameterName ?? (option => option == nameof(StylizeOptions.MaxSize) ? "The working size" : option);

        private static ModelEntry Model(ModelStore store, string id, ModelKind kind, string? parameter)
        {
            if (parameter == null)
                return store.Manifest.Get(id, kind);
            try
            {
                return store.Manifest.Get(id, kind);
            }
            catch (AnimeGanException ex) when (ex.Code == AnimeGanErrorCode.UnknownModel)
            {
                throw new AnimeGanException(ex.Code, $"{parameter} {ex.Message}", ex.Path, ex) { ModelId = ex.ModelId };
            }
        }

        private static AnimeGanException OutOfRange(string name, string min, string max, string value)
            => new AnimeGanException(AnimeGanErrorCode.InvalidOption, $"{name} must be between {min} and {max}, not {value}.");
    }
}
