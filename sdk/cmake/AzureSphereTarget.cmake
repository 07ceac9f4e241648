# SPDX-License-Identifier: MIT
# The device architecture this SDK builds apps for (written when the SDK is
# staged; read by AzureSphereToolchain.cmake).
set(AZURE_SPHERE_TARGET_TRIPLET "@AZS_SDK_TRIPLET@")
set(AZURE_SPHERE_TARGET_PROCESSOR "@AZS_SDK_PROCESSOR@")
