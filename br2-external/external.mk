include $(sort $(wildcard $(BR2_EXTERNAL_AZSPHERE_PATH)/package/*/*.mk))
