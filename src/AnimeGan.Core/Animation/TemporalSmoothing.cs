namespace AnimeGan.Core.Animation
{
    /// <summary>
    /// Cuts the shimmer of stylizing frames one by one. The generator restyles every frame afresh, so areas
    /// that do not move still change a little from frame to frame. Where the input barely changed since the
    /// previous frame, most of the previous output is kept; where it changed (motion), the new stylized frame
    /// is taken as it is, so moving things are not smeared. Between the two thresholds the share kept falls
    /// off linearly.
    /// </summary>
    internal sealed class TemporalSmoothing
    {
        /// <summary>An input change (largest channel difference, 0..255) at or below which a pixel counts as still: sensor and codec noise.</summary>
        public const int StillAtMost = 6;

        /// <summary>An input change at or above which a pixel counts as moving.</summary>
        public const int MovingFrom = 24;

        /// <summary>The share of the previous output kept on still pixels; below 1, so a still area still follows slow changes.</summary>
        public const double StillHold = 0.8;

        private byte[]? _previousInput;
        private byte[]? _previousOutput;

        /// <summary>Blends one stylized frame with the previous output by the input's motion.</summary>
        /// <param name="input">The frame's input RGB.</param>
        /// <param name="styled">The frame stylized on its own, same size.</param>
        /// <returns>The frame to show.</returns>
        public byte[] Apply(byte[] input, byte[] styled)
        {
            if (_previousInput == null || _previousOutput == null || _previousInput.Length != input.Length)
                return Remember(input, styled);

            var output = new byte[styled.Length];
            for (var i = 0; i < input.Length; i += 3)
            {
                var change = Math.Max(Math.Abs(input[i] - _previousInput[i]), Math.Max(Math.Abs(input[i + 1] - _previousInput[i + 1]), Math.Abs(input[i + 2] - _previousInput[i + 2])));
                var hold = change <= StillAtMost ? StillHold : change >= MovingFrom ? 0 : StillHold * (MovingFrom - change) / (MovingFrom - StillAtMost);
                for (var c = 0; c < 3; c++)
                    output[i + c] = (byte)((hold * _previousOutput[i + c]) + ((1 - hold) * styled[i + c]) + 0.5);
            }

            return Remember(input, output);
        }

        private byte[] Remember(byte[] input, byte[] output)
        {
            _previousInput = input;
            _previousOutput = output;
            return output;
        }
    }
}
