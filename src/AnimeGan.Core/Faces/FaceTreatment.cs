namespace AnimeGan.Core.Faces
{
    /// <summary>
    /// How face2paint draws a face: which style, at what scale, how smooth, in whose colours and how strongly,
    /// and where its blend feathers out. One record so that the measured default (docs/faces.md) lives in one
    /// place and the portrait benchmark can try the alternatives it was chosen from.
    /// </summary>
    internal sealed record FaceTreatment
    {
        /// <summary>Gets the style that draws faces; null for the scene's own style.</summary>
        public string? Style { get; init; }

        /// <summary>Gets how much of <see cref="Style"/> is mixed into the scene style's face (1: only <see cref="Style"/>).</summary>
        public double StyleMix { get; init; } = 1;

        /// <summary>Gets the side of the aligned crop the model stylizes (the generator draws more lines the larger it is).</summary>
        public int CropSize { get; init; } = FaceGeometry.CropSize;

        /// <summary>Gets how much of the stylized crop replaces the photo's face (0..1).</summary>
        public double Strength { get; init; } = 1;

        /// <summary>Gets whether the face keeps the photo's own chroma (the engine's keep-colours step on the crop).</summary>
        public bool KeepColors { get; init; }

        /// <summary>Gets the radius of the edge-preserving smoothing of the crop before the model sees it, in crop pixels; 0 for none.</summary>
        public int SmoothBefore { get; init; }

        /// <summary>Gets the radius of the edge-preserving smoothing of the stylized crop, in crop pixels; 0 for none.</summary>
        public int SmoothAfter { get; init; }

        /// <summary>Gets the edge-preserving filter <see cref="SmoothBefore"/> and <see cref="SmoothAfter"/> use.</summary>
        public FaceSmoother Smoother { get; init; } = FaceSmoother.Bilateral;

        /// <summary>Gets the variance (0..1 channel values) below which <see cref="FaceSmoother.Guided"/> flattens detail.</summary>
        public float SmoothEpsilon { get; init; } = 0.01f;

        /// <summary>
        /// Gets the luma step (0..255) below which the detail the smoothing removed stays removed; above it the
        /// model's lines come back, less this step, times <see cref="LineGain"/>. 0 keeps the smoothing alone.
        /// </summary>
        public int LineThreshold { get; init; }

        /// <summary>Gets how strongly the lines above <see cref="LineThreshold"/> come back.</summary>
        public double LineGain { get; init; } = 1;

        /// <summary>Gets the luma step (0..255) of cel shading on the smoothed face; 0 for none.</summary>
        public int CelStep { get; init; }

        /// <summary>Gets whether the eyes, brows and mouth keep the model's own lines, unsmoothed (the skin alone is smoothed).</summary>
        public bool KeepFeatures { get; init; }

        /// <summary>Gets whether the face is shifted to the stylized surroundings' colour along its border (else it keeps its own).</summary>
        public bool MatchBorder { get; init; } = true;

        /// <summary>
        /// Gets how far the face's mean colour is taken back to the photo's over the inner face (0: the
        /// style's own skin tone, 1: the photo's), the rest of the shift still matching the border.
        /// </summary>
        public double SkinTone { get; init; }

        /// <summary>
        /// Gets how far (0..255, per channel) the face's mean colour over the inner face may end from the photo's;
        /// a style that moves skin further is pulled back to this distance. 255 for no limit.
        /// </summary>
        public int SkinToneLimit { get; init; } = 255;

        /// <summary>Gets the mask radius where the feathering starts (1 is where the mask ends).</summary>
        public float FeatherStart { get; init; } = 0.7f;

        /// <summary>The face path before portraits were measured: the scene style at 512 with nothing else.</summary>
        public static FaceTreatment SceneStyle { get; } = new FaceTreatment();

        /// <summary>
        /// The measured default (docs/faces.md): the scene style, its skin flattened by a self-guided filter
        /// (radius 8, epsilon 0.03) while eyes, brows and mouth keep the model's lines, and the skin's mean colour
        /// kept within 13 levels of the photo's.
        /// </summary>
        public static FaceTreatment Default { get; } = new FaceTreatment
        {
            SmoothAfter = 8,
            Smoother = FaceSmoother.Guided,
            SmoothEpsilon = 0.03f,
            KeepFeatures = true,
            SkinToneLimit = 13,
        };
    }

    /// <summary>The edge-preserving filters a face crop can be smoothed with (ImageMagick's, and the engine's guided filter).</summary>
    internal enum FaceSmoother
    {
        /// <summary>Bilateral blur: averages neighbours of similar colour.</summary>
        Bilateral,

        /// <summary>Kuwahara: each pixel takes the calmest quadrant around it, flat painted areas with kept edges.</summary>
        Kuwahara,

        /// <summary>Self-guided filter: flattens low-contrast detail, keeps strong edges, no blotches.</summary>
        Guided,

        /// <summary>Mean shift: flattens regions of similar colour.</summary>
        MeanShift,
    }
}
