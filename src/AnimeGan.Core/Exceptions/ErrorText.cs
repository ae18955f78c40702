namespace AnimeGan.Core.Exceptions
{
    /// <summary>Turns library error messages into the short reason shown after "file:".</summary>
    internal static class ErrorText
    {
        /// <summary>The first line of a message, trimmed; libraries append stack-like detail after it.</summary>
        public static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return (end < 0 ? message : message.Substring(0, end)).Trim();
        }

        /// <summary>
        /// ImageMagick's reason in plain words: its first line without the file it names in quotes (a temporary
        /// path, often) and the source location it ends with (<c>@ warning/jpeg.c/JPEGWarningHandler/670</c>).
        /// </summary>
        public static string FromImageMagick(string message)
        {
            var line = FirstLine(message);
            line = System.Text.RegularExpressions.Regex.Replace(line, @"\s*@\s*(warning|error|fatal)/\S*$", string.Empty, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            line = System.Text.RegularExpressions.Regex.Replace(line, @"\s*`[^']*'", string.Empty);
            line = line.Trim().TrimEnd('.', ':', ' ');
            return line.Length == 0 ? "ImageMagick gave no reason" : line;
        }
    }
}
