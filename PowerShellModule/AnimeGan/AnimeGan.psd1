@{
    RootModule           = 'AnimeGan.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '3145a11b-7102-4ae4-8fc4-0aa505f384aa'
    Author               = 'AnimeGan Plugins contributors'
    CompanyName          = 'AnimeGan Plugins'
    Copyright            = '(c) AnimeGan Plugins contributors. MIT licence; the style models have their own non-commercial licences.'
    Description          = 'Turn photos into anime-style art with AnimeGAN models on the CPU: Convert-ToAnime for whole folders, with face enhancement, progress, -WhatIf and parallel conversion.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('AnimeGan.format.ps1xml')
    CmdletsToExport      = @('Convert-ToAnime', 'Get-AnimeStyle', 'Install-AnimeModel', 'Get-AnimeFace', 'Optimize-AnimeModel')
    AliasesToExport      = @('ConvertTo-Anime')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('anime', 'AnimeGAN', 'image', 'photo', 'style-transfer', 'onnx', 'Windows', 'Linux', 'MacOS', 'PSEdition_Desktop', 'PSEdition_Core')
            LicenseUri   = 'https://github.com/animegan-plugins/animegan-plugins/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/animegan-plugins/animegan-plugins'
            ReleaseNotes = 'First release: Convert-ToAnime, Get-AnimeStyle, Install-AnimeModel, Get-AnimeFace, Optimize-AnimeModel.'
        }
    }
}
