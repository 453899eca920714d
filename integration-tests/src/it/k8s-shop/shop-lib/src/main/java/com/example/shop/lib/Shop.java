package com.example.shop.lib;

public final class Shop {
  private Shop() {}

  public static String name() {
    return "shop";
  }
}
