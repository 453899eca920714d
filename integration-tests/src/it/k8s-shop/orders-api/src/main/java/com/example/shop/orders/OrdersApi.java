package com.example.shop.orders;

import com.example.shop.lib.Shop;

public class OrdersApi {
  public static void main(String[] args) {
    System.out.println("orders API of the " + Shop.name());
  }
}
